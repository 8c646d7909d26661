/**
 * `npm run bench:flags` (issue 8): in one run,
 *  1. local evaluations/s of the SDK's OpenFeature provider, fed by a real Keystone server, against
 *     @openfeature/flagd-core on the equivalent flag (banner-flag.ts); goal: faster than flagd;
 *  2. remote OFREP evaluations/s (POST /ofrep/v1/evaluate/flags/banner, autocannon) against a bare
 *     Fastify POST route answering a body of the same shape; goal: at least 50%.
 * Keystone runs in a child process (createServer on a fresh PGlite directory, rate limits out of
 * reach, load shedding off, logs at info to /dev/null); so does bare Fastify. Rounds alternate.
 *
 *   BENCH_ROUNDS=3 BENCH_DURATION_SECONDS=5 BENCH_LOCAL_SECONDS=2 BENCH_CONNECTIONS=50 npm run bench:flags
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatReport, type SideResults } from '../http-overhead/report.ts';
import { type RunningTarget, spawnTarget } from '../http-overhead/spawn-target.ts';
import { baseEnv, positiveInt } from '../shared/bench-env.ts';
import { contexts, FLAG_KEY, keystoneFlag } from './banner-flag.ts';
import { type PostLoad, postRound } from './post-load.ts';
import { runLocal } from './sdk-vs-flagd.ts';

const rounds = positiveInt('BENCH_ROUNDS', 3);
const durationSeconds = positiveInt('BENCH_DURATION_SECONDS', 5);
const localSeconds = positiveInt('BENCH_LOCAL_SECONDS', 2);
const warmupSeconds = positiveInt('BENCH_WARMUP_SECONDS', 3);
const connections = positiveInt('BENCH_CONNECTIONS', 50);

/** A call to the Keystone target that must succeed; returns the JSON answer. */
async function call(
  base: string,
  headers: Record<string, string>,
  method: string,
  url: string,
  body: unknown,
) {
  const response = await fetch(new URL(url, base), {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The bench flag as the API takes it (the server picks the salt; rule ids are not part of a PUT). */
function flagBody() {
  const { key: _key, salt: _salt, environments, ...rest } = keystoneFlag;
  const production = environments.production as NonNullable<typeof environments.production>;
  const rules = (production.rules ?? []).map(({ id: _id, ...rule }) => rule);
  return { ...rest, name: 'Bench banner', environments: { production: { ...production, rules } } };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-bench-flags-'));
const targets: RunningTarget[] = [];
try {
  const keystone = await spawnTarget('./keystone-target.ts', {
    ...baseEnv(),
    KEYSTONE_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
    KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '100000000',
    KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: '100000000',
  });
  targets.push(keystone);
  const bare = await spawnTarget('../flags/bare-ofrep-target.ts', baseEnv());
  targets.push(bare);

  const baseUrl = `http://127.0.0.1:${keystone.port}`;
  await call(baseUrl, keystone.headers, 'PUT', `/v1/flags/${FLAG_KEY}`, flagBody());
  const { secret } = await call(baseUrl, keystone.headers, 'POST', '/v1/api-keys', {
    name: 'bench-flags',
    scopes: ['flags:evaluate'],
    flags_environment: 'production',
  });
  const secretKey = secret as string;

  process.stdout.write(
    `Flags (issue 8): node ${process.version}, ${os.availableParallelism()} CPUs\n\n` +
      `1. Local evaluations of '${FLAG_KEY}' (3 rules + 10% rollout), ${contexts.length} contexts, ` +
      `warm-up 1 s, ${rounds} alternating rounds of ${localSeconds} s\n`,
  );
  process.stdout.write(await runLocal({ baseUrl, secretKey, rounds, seconds: localSeconds }));

  const ofrepPath = `/ofrep/v1/evaluate/flags/${FLAG_KEY}`;
  const body = JSON.stringify({ context: contexts[1] });
  const ofrepHeaders = { authorization: `Bearer ${secretKey}` };
  const loads: Record<string, PostLoad> = {
    'bare Fastify': { target: bare, url: bare.url, headers: {}, body },
    'Keystone OFREP': { target: keystone, url: `${baseUrl}${ofrepPath}`, headers: ofrepHeaders, body },
  };
  const sample = await call(baseUrl, ofrepHeaders, 'POST', ofrepPath, { context: contexts[1] });
  const bareSample = await call(bare.url, {}, 'POST', bare.path, { context: contexts[1] });
  process.stdout.write(
    `\n2. Remote: POST ${ofrepPath} with ${body}\n` +
      `   Keystone answers ${JSON.stringify(sample)} (${JSON.stringify(sample).length} bytes), ` +
      `bare Fastify ${JSON.stringify(bareSample).length} bytes\n` +
      `   ${connections} connections, warm-up ${warmupSeconds} s, ${rounds} alternating rounds of ${durationSeconds} s\n\n`,
  );
  const sides: SideResults[] = Object.keys(loads).map((name) => ({ name, rounds: [] }));
  const load = (side: SideResults) => loads[side.name] as PostLoad;
  for (const side of sides) await postRound(side.name, load(side), connections, warmupSeconds);
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      side.rounds.push(await postRound(side.name, load(side), connections, durationSeconds));
    }
  }
  process.stdout.write(formatReport(sides[0] as SideResults, sides[1] as SideResults));
} finally {
  await Promise.all(targets.map((target) => target.stop()));
  rmSync(dataDir, { recursive: true, force: true });
}
