/**
 * The processes of `npm run bench:authz`: Keystone as `npm start` builds it (one, or two for a
 * comparison: the second from another checkout, on the same database and data directory), and the
 * floor's pg client. Each in its own process, as in the other benchmarks.
 */
import path from 'node:path';
import { type RunningTarget, spawnTarget } from '../http-overhead/spawn-target.ts';
import { baseEnv } from '../shared/bench-env.ts';
import type { Round } from './report.ts';
import type { FloorResult, FloorRun } from './sql-floor-target.ts';

export type Postgres = { url: string; appUrl: string };

/**
 * `checkout` is the root of a Keystone checkout (this one by default): its bench/authz/keystone-target.ts
 * runs its own server code. Rate limits are counted but never reached; shedding is off (see
 * bench/README.md).
 */
export function spawnKeystone(options: {
  checkout?: string;
  dataDir: string;
  postgres: Postgres;
  cpuProfDir?: string | undefined;
}): Promise<RunningTarget> {
  const limit = '100000000';
  const file = options.checkout
    ? path.resolve(options.checkout, 'bench/authz/keystone-target.ts')
    : '../authz/keystone-target.ts';
  return spawnTarget(
    file,
    {
      ...baseEnv(),
      KEYSTONE_DATA_DIR: options.dataDir,
      DATABASE_URL: options.postgres.url,
      DATABASE_APP_URL: options.postgres.appUrl,
      KEYSTONE_DEMO_DATA: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
      KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: limit,
      KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: limit,
      KEYSTONE_RATE_LIMIT_CREDENTIAL_PER_MINUTE: limit,
    },
    options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`] : [],
  );
}

export function spawnFloor(postgres: Postgres): Promise<RunningTarget> {
  return spawnTarget('../authz/sql-floor-target.ts', {
    ...baseEnv(),
    BENCH_FLOOR_DATABASE_URL: postgres.url,
  });
}

/** One round of the floor's lookups, run in its process. */
export function floorRound(floor: RunningTarget, run: FloorRun): Promise<Round> {
  return new Promise((resolve, reject) => {
    floor.child.once('message', (message: { result?: FloorResult; error?: string }) => {
      const result = message.result;
      if (!result) return reject(new Error(message.error));
      resolve({
        operationsPerSecond: result.operations / result.elapsedSeconds,
        cpuMicrosPerOperation: result.cpuMicros / Math.max(1, result.operations),
        latenciesMs: result.latenciesMs,
      });
    });
    floor.child.send({ run });
  });
}
