/**
 * `npm run bench`: requests/s of a small authenticated GET through the full
 * Keystone stack against a bare Fastify hello-world, measured in the same run.
 * Each target runs in its own process; rounds alternate between them so drift
 * (thermal, noisy neighbours) hits both. Prints a table; writes nothing.
 *
 *   BENCH_ROUNDS=3 BENCH_DURATION_SECONDS=5 BENCH_CONNECTIONS=50 npm run bench
 *   BENCH_CPU_PROF=<dir>: each target writes a V8 CPU profile to <dir>/bare-fastify and <dir>/keystone
 *   (open them in Chrome DevTools).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baseEnv, positiveInt } from '../shared/bench-env.ts';
import { runLoad } from './load.ts';
import { formatReport, type RoundResult, type SideResults } from './report.ts';
import { type RunningTarget, spawnTarget } from './spawn-target.ts';

const rounds = positiveInt('BENCH_ROUNDS', 3);
const durationSeconds = positiveInt('BENCH_DURATION_SECONDS', 5);
const warmupSeconds = positiveInt('BENCH_WARMUP_SECONDS', 3);
const connections = positiveInt('BENCH_CONNECTIONS', 50);
const pipelining = 1;

async function checkTarget(target: RunningTarget, expect: (body: unknown) => boolean): Promise<void> {
  const response = await fetch(target.url, { headers: target.headers });
  const body: unknown = await response.json();
  if (response.status !== 200 || !expect(body)) {
    throw new Error(
      `${target.url} answered ${response.status} ${JSON.stringify(body)}; not benchmarking that`,
    );
  }
}

type Side = SideResults & { target: RunningTarget };

async function round(side: Side, seconds: number): Promise<RoundResult> {
  const cpuBefore = await side.target.cpuMicros();
  const result = await runLoad({
    url: side.target.url,
    headers: side.target.headers,
    connections,
    pipelining,
    durationSeconds: seconds,
  });
  if (result.failures > 0) {
    throw new Error(
      `${side.name}: ${result.failures} requests failed or were not 2xx (${result.failureDetail}); results are meaningless`,
    );
  }
  const cpuMicros = (await side.target.cpuMicros()) - cpuBefore;
  return {
    requestsPerSecond: result.requestsPerSecond,
    cpuMicrosPerRequest: cpuMicros / Math.max(1, result.totalRequests),
    latencyP50Ms: result.latencyP50Ms,
    latencyP99Ms: result.latencyP99Ms,
  };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-bench-'));
const sides: Side[] = [];
try {
  const cpuProfDir = process.env.BENCH_CPU_PROF;
  const profile = (name: string) =>
    cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir, name)}`] : [];
  const bare: Side = {
    name: 'bare Fastify',
    target: await spawnTarget('./bare-fastify-target.ts', baseEnv(), profile('bare-fastify')),
    rounds: [],
  };
  sides.push(bare);
  const keystoneTarget = await spawnTarget(
    './keystone-target.ts',
    {
      ...baseEnv(),
      KEYSTONE_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      // Shedding off: a saturated loop is the point of a throughput test (and under-pressure reads an
      // empty 50 ms delay sample as Infinity, so it sheds under full load whatever the threshold).
      KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
      KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '100000000',
      KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: '100000000',
    },
    profile('keystone'),
  );
  const keystone: Side = { name: 'Keystone', target: keystoneTarget, rounds: [] };
  sides.push(keystone);
  await checkTarget(bare.target, (body) => (body as { hello?: string }).hello === 'world');
  await checkTarget(keystone.target, (body) => (body as { kind?: string }).kind === 'operator');

  process.stdout.write(
    `HTTP overhead: Keystone GET ${keystone.target.path} (operator key) vs bare Fastify GET ${bare.target.path}\n` +
      `node ${process.version}, ${os.availableParallelism()} CPUs, ${connections} connections, ` +
      `pipelining ${pipelining}, warm-up ${warmupSeconds} s, ${rounds} alternating rounds of ${durationSeconds} s\n\n`,
  );
  for (const side of sides) await round(side, warmupSeconds);
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) side.rounds.push(await round(side, durationSeconds));
  }

  process.stdout.write(formatReport(bare, keystone));
} finally {
  await Promise.all(sides.map((side) => side.target.stop()));
  rmSync(dataDir, { recursive: true, force: true });
}
