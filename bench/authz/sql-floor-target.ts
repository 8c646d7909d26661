/**
 * The floor of `npm run bench:authz`: the raw indexed lookup of one tuple by its whole primary key,
 * through a plain `pg` pool on the same database, in a process of its own like the server. The keys
 * are the checks' own questions asked as one direct tuple (`document#viewer@user`, found or not). On
 * `{ run: { seconds, concurrency, keys, ... } }` it keeps `concurrency` lookups in flight (one pool
 * connection each, a named prepared statement as the server uses) and answers counts, CPU and latencies.
 */
import pg from 'pg';
import { announceTarget } from '../http-overhead/target-protocol.ts';

export type FloorKey = { object: string; user: string };
export type FloorRun = {
  seconds: number;
  concurrency: number;
  orgId: string;
  storeId: string;
  keys: FloorKey[];
};
export type FloorResult = {
  operations: number;
  found: number;
  elapsedSeconds: number;
  cpuMicros: number;
  latenciesMs: number[];
};

const LOOKUP = {
  name: 'bench_tuple_by_primary_key',
  text: `SELECT object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context
           FROM fga_tuples
          WHERE org_id = $1 AND store_id = $2 AND object_type = $3 AND object_id = $4 AND relation = $5
            AND user_type = $6 AND user_id = $7 AND user_relation = $8`,
};

const databaseUrl = process.env.BENCH_FLOOR_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_FLOOR_DATABASE_URL is required');
const pool = new pg.Pool({ connectionString: databaseUrl, max: 64 });

const split = (reference: string) => {
  const colon = reference.indexOf(':');
  return [reference.slice(0, colon), reference.slice(colon + 1)];
};

async function run(options: FloorRun): Promise<FloorResult> {
  const keys = options.keys.map(({ object, user }) => [
    options.orgId,
    options.storeId,
    ...split(object),
    'viewer',
    ...split(user),
    '',
  ]);
  const clients = await Promise.all(Array.from({ length: options.concurrency }, () => pool.connect()));
  try {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    const latenciesMs: number[] = [];
    let next = 0;
    let found = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const values = keys[next++ % keys.length] as string[];
          const begun = performance.now();
          const result = await client.query({ ...LOOKUP, values });
          latenciesMs.push(performance.now() - begun);
          found += result.rowCount ?? 0;
        }
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return {
      operations: latenciesMs.length,
      found,
      elapsedSeconds: (performance.now() - started) / 1000,
      cpuMicros: cpu.user + cpu.system,
      latenciesMs,
    };
  } finally {
    for (const client of clients) client.release();
  }
}

process.on('message', (message: { run?: FloorRun }) => {
  if (!message.run) return;
  run(message.run).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
announceTarget({ port: 0, path: '(in process)', headers: {} });
process.on('SIGTERM', () => {
  pool.end().then(() => process.exit(0));
});
