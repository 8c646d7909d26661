/**
 * `npm run bench:authz`: OpenFGA-compatible checks over HTTP at 1M tuples on the PostgreSQL server,
 * against the floor of one indexed SQL lookup of a tuple, in the same run and at the same concurrency;
 * and list-objects for a user who sees ~10k documents. Goal (issue 7): check p99 under 5 ms.
 *
 * A throwaway database on KEYSTONE_TEST_POSTGRES_URL's server (default postgres://postgres@127.0.0.1:5432)
 * is made and dropped. Keystone runs as `npm start` builds it, in a process of its own, as does the
 * pg client of the floor; autocannon runs here. The store, model and a sample of the tuples are written
 * over HTTP; the rest is bulk-loaded with SQL, then every check the load will send is asked once and
 * compared with what the model says (expected-access.ts) before anything is timed.
 *
 *   BENCH_ROUNDS=3 BENCH_DURATION_SECONDS=5 BENCH_CONNECTIONS=10 npm run bench:authz
 *   BENCH_TUPLES=100000: a smaller world of the same shape (quick runs).
 *   BENCH_CPU_PROF=<dir>: a V8 CPU profile of the Keystone process in <dir>.
 *   BENCH_COMPARE_WITH=<checkout>: a second server from another Keystone checkout (a worktree of
 *   another commit) on the same database, verified and measured in the same alternating rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPostgresDatabase } from '../../packages/server/test/support/test-database.ts';
import type { RunningTarget } from '../http-overhead/spawn-target.ts';
import { positiveInt } from '../shared/bench-env.ts';
import { bulkLoad, rowsMatchLoader } from './bulk-load.ts';
import { runChecks } from './check-load.ts';
import {
  DOCUMENT_SHARING_DSL,
  generateWorld,
  type TupleKey,
  userRef,
  worldTuples,
} from './document-sharing.ts';
import { checkCases, UserView } from './expected-access.ts';
import { type FgaBench, readsBack, setUpFga, writeOverApi } from './fga-setup.ts';
import { formatAuthzReport, type Measure, type Round, type ServerFigures } from './report.ts';
import { probeServer } from './server-probe.ts';
import { floorRound, spawnFloor, spawnKeystone } from './servers.ts';
import type { FloorKey } from './sql-floor-target.ts';

const rounds = positiveInt('BENCH_ROUNDS', 3);
const durationSeconds = positiveInt('BENCH_DURATION_SECONDS', 5);
const warmupSeconds = positiveInt('BENCH_WARMUP_SECONDS', 3);
// The server's pool holds 10 connections: 10 checks in flight keep every one of them busy.
const connections = positiveInt('BENCH_CONNECTIONS', 10);
// Latency under load, not at saturation: the same connections held to about half of what this machine
// answers flat out (2 CPUs shared by the load generator, the server and PostgreSQL).
const pacedRate = positiveInt('BENCH_PACED_RATE', 500);
const tupleCount = positiveInt('BENCH_TUPLES', 1_000_000);
const seed = positiveInt('BENCH_SEED', 7);
const checkCount = positiveInt('BENCH_CHECKS', 2_000);
const apiSample = positiveInt('BENCH_API_TUPLES', 1_000);
const listRuns = positiveInt('BENCH_LIST_RUNS', 20);
const compareWith = process.env.BENCH_COMPARE_WITH;

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

const postgres = await createPostgresDatabase();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-bench-authz-'));
const targets: RunningTarget[] = [];
try {
  const keystone = await spawnKeystone({ dataDir, postgres, cpuProfDir: process.env.BENCH_CPU_PROF });
  targets.push(keystone);
  // The second server shares the database and data directory (operator key, master key).
  const compared = compareWith
    ? await spawnKeystone({ checkout: compareWith, dataDir, postgres })
    : undefined;
  if (compared) targets.push(compared);
  const floor = await spawnFloor(postgres);
  targets.push(floor);

  say(
    `Authz: OpenFGA check over HTTP at ${tupleCount.toLocaleString('en')} tuples, PostgreSQL on this machine\n` +
      `node ${process.version}, ${os.availableParallelism()} CPUs, ${connections} connections, ` +
      `warm-up ${warmupSeconds} s, ${rounds} alternating rounds of ${durationSeconds} s, ` +
      `load average ${loadAverage()}\n`,
  );
  let started = performance.now();
  const world = generateWorld(tupleCount, seed);
  say(
    `World (seed ${seed}): ${world.users} users, ${world.groups} groups (3 deep), ${world.folders} folders ` +
      `(trees of 20, up to 5 deep), ${world.documents} documents; generated in ${seconds(started)}`,
  );

  // The store and model over HTTP; every stride-th tuple through OpenFGA's Write, the rest with SQL.
  const origin = `http://127.0.0.1:${keystone.port}`;
  const fga = await setUpFga(origin, keystone.headers['x-keystone-key'] as string, DOCUMENT_SHARING_DSL);
  const stride = Math.max(1, Math.floor(tupleCount / apiSample));
  const viaApi: TupleKey[] = [];
  const viaSql: TupleKey[] = [];
  let index = 0;
  for (const tuple of worldTuples(world)) (index++ % stride === 0 ? viaApi : viaSql).push(tuple);
  started = performance.now();
  await writeOverApi(fga, viaApi);
  say(`Wrote ${viaApi.length} tuples through POST /fga/stores/{id}/write in ${seconds(started)}`);
  const load = await bulkLoad(postgres.url, fga, viaSql);
  say(
    `Loaded ${load.rows.toLocaleString('en')} tuples with SQL in ${load.loadSeconds.toFixed(1)} s ` +
      `(${Math.round(load.rows / load.loadSeconds).toLocaleString('en')} tuples/s), ANALYZE ${load.analyzeSeconds.toFixed(1)} s`,
  );
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const stored = Number(
    (await admin.query('SELECT count(*) AS n FROM fga_tuples WHERE store_id = $1', [fga.storeId])).rows[0].n,
  );
  const size = (await admin.query(`SELECT pg_size_pretty(pg_total_relation_size('fga_tuples')) AS s`)).rows[0]
    .s;
  await admin.end();
  if (stored !== tupleCount) throw new Error(`the store holds ${stored} tuples, not ${tupleCount}`);

  // Both paths store a tuple alike, and the API reads back what SQL loaded.
  const problems = await rowsMatchLoader(postgres.url, fga, viaApi);
  for (const tuple of viaSql.slice(0, 1000).filter((_, i) => i % 200 === 0)) {
    if (!(await readsBack(fga, tuple))) problems.push(`the API does not read back ${JSON.stringify(tuple)}`);
  }
  if (problems.length > 0) throw new Error(`the API and the loader disagree:\n${problems.join('\n')}`);
  say(
    `Store holds ${stored.toLocaleString('en')} tuples (fga_tuples with indexes: ${size}); API and SQL rows agree`,
  );

  // Each server answers every check of the load and list-objects right before anything is timed.
  const cases = checkCases(world, checkCount, seed + 1);
  const listUser = userRef(world.wideUser);
  const expectedObjects = new UserView(world, world.wideUser).viewableDocuments();
  const servers: Array<ServerFigures & { target: RunningTarget; fga: FgaBench }> = [];
  for (const [name, target] of [
    ['Keystone', keystone],
    [`B (${compareWith})`, compared],
  ] as const) {
    if (!target) continue;
    const serverFga = { ...fga, origin: `http://127.0.0.1:${target.port}` };
    const probe = {
      name,
      fga: serverFga,
      databaseUrl: postgres.url,
      cases,
      listUser,
      expectedObjects,
      listRuns,
    };
    const listObjects = await probeServer({ ...probe, say });
    const measure = (label: string): Measure => ({ name: `${name} check, ${label}`, rounds: [] });
    servers.push({
      name,
      target,
      fga: serverFga,
      listObjects,
      concurrent: measure(`${connections} connections`),
      paced: measure(`${connections} connections at ${pacedRate}/s`),
      sequential: measure('1 connection'),
    });
  }
  say('');

  const bodies = cases.map((item) =>
    JSON.stringify({ tuple_key: { user: item.user, relation: 'viewer', object: item.object } }),
  );
  const keys: FloorKey[] = cases.map(({ user, object }) => ({ user, object }));
  const checkRound = async (
    server: (typeof servers)[number],
    width: number,
    duration: number,
    overallRate?: number,
  ) => {
    const cpuBefore = await server.target.cpuMicros();
    const result = await runChecks({
      origin: server.fga.origin,
      path: `/fga/stores/${fga.storeId}/check`,
      headers: { authorization: `Bearer ${fga.key}` },
      bodies,
      connections: width,
      durationSeconds: duration,
      ...(overallRate ? { overallRate } : {}),
    });
    if (result.failures > 0) {
      throw new Error(`checks failed or were not 200 (${result.failureDetail}); results are meaningless`);
    }
    const cpuMicros = (await server.target.cpuMicros()) - cpuBefore;
    return {
      operationsPerSecond: result.operations / result.elapsedSeconds,
      cpuMicrosPerOperation: cpuMicros / Math.max(1, result.operations),
      latenciesMs: result.latenciesMs,
    } satisfies Round;
  };
  const lookupRound = (width: number, duration: number) =>
    floorRound(floor, {
      seconds: duration,
      concurrency: width,
      orgId: fga.orgId,
      storeId: fga.storeId,
      keys,
    });

  const floorMeasures = {
    concurrent: { name: `SQL PK lookup, ${connections} connections`, rounds: [] } as Measure,
    sequential: { name: 'SQL PK lookup, 1 connection', rounds: [] } as Measure,
  };
  type Side = (duration: number, record: boolean) => Promise<void>;
  const sides: Side[] = [
    ...servers.map(
      (server): Side =>
        async (duration, record) => {
          const concurrent = await checkRound(server, connections, duration);
          const paced = await checkRound(server, connections, duration, pacedRate);
          const sequential = await checkRound(server, 1, duration);
          if (record) server.concurrent.rounds.push(concurrent);
          if (record) server.paced.rounds.push(paced);
          if (record) server.sequential.rounds.push(sequential);
        },
    ),
    async (duration, record) => {
      const concurrent = await lookupRound(connections, duration);
      const sequential = await lookupRound(1, duration);
      if (record) floorMeasures.concurrent.rounds.push(concurrent);
      if (record) floorMeasures.sequential.rounds.push(sequential);
    },
  ];
  for (const side of sides) await side(warmupSeconds, false);
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) await side(durationSeconds, true);
  }

  say(formatAuthzReport({ servers, floor: floorMeasures, listUser, connections }));
  say(
    `Load average at the end: ${loadAverage()} (anything above ~2 on 2 CPUs means other work shared the machine)`,
  );
} finally {
  await Promise.all(targets.map((target) => target.stop()));
  rmSync(dataDir, { recursive: true, force: true });
  await postgres.drop();
}
