/** What every benchmark runner reads from its environment. */

/** A positive integer from the environment (BENCH_ROUNDS...), or the fallback. */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** The environment targets start from: no inherited database, Redis or keys, so every run is alike. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'KEYSTONE_OPERATOR_KEY',
    'KEYSTONE_MASTER_KEY',
    'PORT',
    'HOST',
  ]) {
    delete env[name];
  }
  return env;
}
