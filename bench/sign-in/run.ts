/**
 * `npm run bench:sign-in`: successful password sign-ins per second through the
 * whole server (HTTP, validation, rate limits, argon2id, the session and refresh
 * token written with their audit entry, the access token signed) against raw
 * argon2id verifications per second with the same parameters, in the same run,
 * at the same number of operations in flight. Argon2id is the floor of a
 * sign-in's cost; the goal is the server at 85% of it or more. Each side runs in
 * its own process; rounds alternate so drift on the machine hits both.
 *
 *   BENCH_ROUNDS=3 BENCH_DURATION_SECONDS=5 BENCH_CONCURRENCY=4 npm run bench:sign-in
 *   BENCH_CPU_PROF=<dir>: V8 CPU profiles of both processes in <dir>/argon2 and <dir>/keystone.
 *   BENCH_DATABASE=postgres: the server on a throwaway database of the PostgreSQL server at
 *   KEYSTONE_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) instead of PGlite.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from '../../packages/server/test/support/test-database.ts';
import { type RunningTarget, spawnTarget } from '../http-overhead/spawn-target.ts';
import { baseEnv, positiveInt } from '../shared/bench-env.ts';
import type { Argon2Result, Argon2Run } from './argon2-target.ts';
import { BENCH_USERS } from './bench-users.ts';
import { formatSignInReport, type SignInRound, type SignInSide } from './report.ts';
import { runSignIns } from './sign-in-load.ts';

const rounds = positiveInt('BENCH_ROUNDS', 3);
const durationSeconds = positiveInt('BENCH_DURATION_SECONDS', 5);
const warmupSeconds = positiveInt('BENCH_WARMUP_SECONDS', 3);
// The libuv pool has 4 threads: 4 verifications in flight keep every core of a small machine busy.
const concurrency = positiveInt('BENCH_CONCURRENCY', 4);
const onPostgres = process.env.BENCH_DATABASE === 'postgres';
if (!['postgres', 'pglite', undefined].includes(process.env.BENCH_DATABASE)) {
  throw new Error('BENCH_DATABASE must be pglite or postgres');
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};

function runArgon2(child: ChildProcess, run: Argon2Run): Promise<Argon2Result> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: { result?: Argon2Result; error?: string }) =>
      message.result ? resolve(message.result) : reject(new Error(message.error)),
    );
    child.send({ run });
  });
}

async function argon2Round(target: RunningTarget, seconds: number): Promise<SignInRound> {
  const result = await runArgon2(target.child, { seconds, concurrency });
  return {
    operationsPerSecond: result.operations / result.elapsedSeconds,
    cpuMicrosPerOperation: result.cpuMicros / Math.max(1, result.operations),
    p50Ms: percentile(result.latenciesMs, 0.5),
    p99Ms: percentile(result.latenciesMs, 0.99),
  };
}

async function keystoneRound(target: RunningTarget, seconds: number): Promise<SignInRound> {
  const cpuBefore = await target.cpuMicros();
  const result = await runSignIns({
    origin: `http://127.0.0.1:${target.port}`,
    path: target.path,
    connections: concurrency,
    durationSeconds: seconds,
  });
  if (result.failures > 0) {
    throw new Error(`sign-ins failed or were not 200 (${result.failureDetail}); results are meaningless`);
  }
  const cpuMicros = (await target.cpuMicros()) - cpuBefore;
  return {
    operationsPerSecond: result.operations / result.elapsedSeconds,
    cpuMicrosPerOperation: cpuMicros / Math.max(1, result.operations),
    p50Ms: result.latencyP50Ms,
    p99Ms: result.latencyP99Ms,
  };
}

/** The fixed users, signed up over HTTP; then one sign-in must answer tokens. */
async function signUpBenchUsers(target: RunningTarget): Promise<void> {
  const base = `http://127.0.0.1:${target.port}`;
  for (const user of BENCH_USERS) {
    const res = await fetch(`${base}/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    if (res.status !== 202) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  }
  const res = await fetch(`${base}${target.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_USERS[0]),
  });
  const body = (await res.json()) as { status?: string };
  if (res.status !== 200 || body.status !== 'signed_in') {
    throw new Error(`sign-in answered ${res.status} ${JSON.stringify(body)}; not benchmarking that`);
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-bench-sign-in-'));
const targets: RunningTarget[] = [];
const postgres = onPostgres ? await createPostgresDatabase() : undefined;
try {
  const cpuProfDir = process.env.BENCH_CPU_PROF;
  const profile = (name: string) =>
    cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir, name)}`] : [];
  const argon2Target = await spawnTarget('../sign-in/argon2-target.ts', baseEnv(), profile('argon2'));
  targets.push(argon2Target);
  const limit = '100000000';
  const keystoneTarget = await spawnTarget(
    '../sign-in/keystone-target.ts',
    {
      ...baseEnv(),
      KEYSTONE_DATA_DIR: dataDir,
      ...(postgres ? { DATABASE_URL: postgres.url, DATABASE_APP_URL: postgres.appUrl } : {}),
      KEYSTONE_DEMO_DATA: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      // Shedding off (see bench/README.md); every limit counted but never reached.
      KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
      KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: limit,
      KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: limit,
      KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: limit,
    },
    profile('keystone'),
  );
  targets.push(keystoneTarget);
  await signUpBenchUsers(keystoneTarget);

  const argon2: SignInSide = { name: 'raw argon2id verify', rounds: [] };
  const keystone: SignInSide = { name: 'Keystone sign-in', rounds: [] };
  const sides = [
    { side: argon2, round: (s: number) => argon2Round(argon2Target, s) },
    { side: keystone, round: (s: number) => keystoneRound(keystoneTarget, s) },
  ];
  process.stdout.write(
    `Sign-in: POST /v1/auth/sign-in (${BENCH_USERS.length} users, real argon2id, ` +
      `${postgres ? 'PostgreSQL on this machine' : 'embedded PGlite'}) vs raw argon2id verify\n` +
      `node ${process.version}, ${os.availableParallelism()} CPUs, ${concurrency} operations in flight, ` +
      `warm-up ${warmupSeconds} s, ${rounds} alternating rounds of ${durationSeconds} s\n\n`,
  );
  for (const { round } of sides) await round(warmupSeconds);
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const { side, round } of order) side.rounds.push(await round(durationSeconds));
  }
  process.stdout.write(formatSignInReport(argon2, keystone));
} finally {
  await Promise.all(targets.map((target) => target.stop()));
  rmSync(dataDir, { recursive: true, force: true });
  await postgres?.drop();
}
