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
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createPostgresDatabase } from '../../packages/server/test/support/test-database.ts';
import { type RunningTarget, spawnTarget } from '../http-overhead/spawn-target.ts';
import { baseEnv, positiveInt } from '../shared/bench-env.ts';
import { bulkLoad, rowsMatchLoader } from './bulk-load.ts';
import { runChecks } from './check-load.ts';
import { perOperation, readCounters, STATS_SETTLE_MS } from './database-counters.ts';
import {
  DOCUMENT_SHARING_DSL,
  generateWorld,
  type TupleKey,
  userRef,
  worldTuples,
} from './document-sharing.ts';
import { checkCases, UserView } from './expected-access.ts';
import { readsBack, setUpFga, writeOverApi } from './fga-setup.ts';
import { measureListObjects } from './list-objects-probe.ts';
import { formatAuthzReport, type Measure, type Round } from './report.ts';
import type { FloorKey, FloorResult, FloorRun } from './sql-floor-target.ts';
import { type VerifiedChecks, verifyChecks } from './verify-checks.ts';

const rounds = positiveInt('BENCH_ROUNDS', 3);
const durationSeconds = positiveInt('BENCH_DURATION_SECONDS', 5);
const warmupSeconds = positiveInt('BENCH_WARMUP_SECONDS', 3);
// The server's pool holds 10 connections: 10 checks in flight keep every one of them busy.
const connections = positiveInt('BENCH_CONNECTIONS', 10);
const tupleCount = positiveInt('BENCH_TUPLES', 1_000_000);
const seed = positiveInt('BENCH_SEED', 7);
const checkCount = positiveInt('BENCH_CHECKS', 2_000);
const apiSample = positiveInt('BENCH_API_TUPLES', 1_000);
const listRuns = positiveInt('BENCH_LIST_RUNS', 20);

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

function floorRound(child: RunningTarget['child'], run: FloorRun): Promise<Round & { found: number }> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: { result?: FloorResult; error?: string }) => {
      const result = message.result;
      if (!result) return reject(new Error(message.error));
      resolve({
        operationsPerSecond: result.operations / result.elapsedSeconds,
        cpuMicrosPerOperation: result.cpuMicros / Math.max(1, result.operations),
        latenciesMs: result.latenciesMs,
        found: result.found,
      });
    });
    child.send({ run });
  });
}

const postgres = await createPostgresDatabase();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-bench-authz-'));
const targets: RunningTarget[] = [];
try {
  const cpuProfDir = process.env.BENCH_CPU_PROF;
  const limit = '100000000';
  const keystone = await spawnTarget(
    '../authz/keystone-target.ts',
    {
      ...baseEnv(),
      KEYSTONE_DATA_DIR: dataDir,
      DATABASE_URL: postgres.url,
      DATABASE_APP_URL: postgres.appUrl,
      KEYSTONE_DEMO_DATA: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      // Shedding off (see bench/README.md); every limit counted but never reached.
      KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
      KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: limit,
      KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: limit,
      KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: limit,
    },
    cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [],
  );
  targets.push(keystone);
  const floorTarget = await spawnTarget('../authz/sql-floor-target.ts', {
    ...baseEnv(),
    BENCH_FLOOR_DATABASE_URL: postgres.url,
  });
  targets.push(floorTarget);
  const origin = `http://127.0.0.1:${keystone.port}`;

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

  // Every check the load sends, asked once and compared with the model's answer; then list-objects,
  // checked and timed. PostgreSQL's counters around each say how many statements one costs.
  const cases = checkCases(world, checkCount, seed + 1);
  await sleep(STATS_SETTLE_MS);
  const beforeChecks = await readCounters(postgres.url);
  started = performance.now();
  const verified = await verifyChecks(fga, cases);
  const timing = (side: VerifiedChecks['allowed']) =>
    `${side.count}, p50 ${side.p50Ms.toFixed(2)} ms, p99 ${side.p99Ms.toFixed(2)} ms`;
  say(
    `${cases.length} checks document#viewer answered as the model says, one at a time in ${seconds(started)}: ` +
      `allowed ${timing(verified.allowed)}; denied ${timing(verified.denied)}`,
  );
  await sleep(STATS_SETTLE_MS);
  const beforeList = await readCounters(postgres.url);
  const perCheck = perOperation(beforeChecks, beforeList, cases.length);
  say(
    `Per check (PostgreSQL's counters over that pass): ${perCheck.tupleIndexScans.toFixed(1)} fga_tuples ` +
      `index scans, ${perCheck.transactions.toFixed(2)} transactions`,
  );
  const listUser = userRef(world.wideUser);
  const expected = new UserView(world, world.wideUser).viewableDocuments();
  const listObjects = await measureListObjects(fga, listUser, expected, listRuns);
  if (!('skipped' in listObjects)) {
    await sleep(STATS_SETTLE_MS);
    const perList = perOperation(beforeList, await readCounters(postgres.url), listRuns + 1);
    say(
      `Per list-objects: ${perList.tupleIndexScans.toFixed(1)} fga_tuples index scans, ` +
        `${perList.transactions.toFixed(2)} transactions`,
    );
  }
  say('');

  const bodies = cases.map((item) =>
    JSON.stringify({ tuple_key: { user: item.user, relation: 'viewer', object: item.object } }),
  );
  const keys: FloorKey[] = cases.map(({ user, object }) => ({ user, object }));
  const checkRound = async (width: number, duration: number): Promise<Round> => {
    const cpuBefore = await keystone.cpuMicros();
    const result = await runChecks({
      origin,
      path: `/fga/stores/${fga.storeId}/check`,
      headers: { authorization: `Bearer ${fga.key}` },
      bodies,
      connections: width,
      durationSeconds: duration,
    });
    if (result.failures > 0) {
      throw new Error(`checks failed or were not 200 (${result.failureDetail}); results are meaningless`);
    }
    const cpuMicros = (await keystone.cpuMicros()) - cpuBefore;
    return {
      operationsPerSecond: result.operations / result.elapsedSeconds,
      cpuMicrosPerOperation: cpuMicros / Math.max(1, result.operations),
      latenciesMs: result.latenciesMs,
    };
  };
  const lookupRound = (width: number, duration: number) =>
    floorRound(floorTarget.child, {
      seconds: duration,
      concurrency: width,
      orgId: fga.orgId,
      storeId: fga.storeId,
      keys,
    });

  const measures = {
    checks: {
      concurrent: { name: `check, HTTP, ${connections} connections`, rounds: [] } as Measure,
      sequential: { name: 'check, HTTP, 1 connection', rounds: [] } as Measure,
    },
    floor: {
      concurrent: { name: `SQL PK lookup, ${connections} connections`, rounds: [] } as Measure,
      sequential: { name: 'SQL PK lookup, 1 connection', rounds: [] } as Measure,
    },
  };
  const sides = [
    async (duration: number, record: boolean) => {
      const concurrent = await checkRound(connections, duration);
      const sequential = await checkRound(1, duration);
      if (record) measures.checks.concurrent.rounds.push(concurrent);
      if (record) measures.checks.sequential.rounds.push(sequential);
    },
    async (duration: number, record: boolean) => {
      const concurrent = await lookupRound(connections, duration);
      const sequential = await lookupRound(1, duration);
      if (record) measures.floor.concurrent.rounds.push(concurrent);
      if (record) measures.floor.sequential.rounds.push(sequential);
    },
  ];
  for (const side of sides) await side(warmupSeconds, false);
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) await side(durationSeconds, true);
  }

  say(formatAuthzReport({ ...measures, listObjects, listUser }));
  say(
    `Load average at the end: ${loadAverage()} (anything above ~2 on 2 CPUs means other work shared the machine)`,
  );
} finally {
  await Promise.all(targets.map((target) => target.stop()));
  rmSync(dataDir, { recursive: true, force: true });
  await postgres.drop();
}
