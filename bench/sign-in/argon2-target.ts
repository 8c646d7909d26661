/**
 * The baseline of `npm run bench:sign-in`: raw argon2id verifications with
 * @node-rs/argon2 and the parameters sign-in uses (OWASP_ARGON2ID), in a process
 * of its own like the server. On `{ run: { seconds, concurrency } }` it keeps
 * `concurrency` verifications in flight for that long (they run on the libuv
 * thread pool, as the server's do) and answers the count and its CPU time.
 */
import { verify } from '@node-rs/argon2';
import { createPasswordHasher } from '../../packages/server/src/identity/passwords/password-hasher.ts';
import { announceTarget } from '../http-overhead/target-protocol.ts';
import { BENCH_USERS } from './bench-users.ts';

export type Argon2Run = { seconds: number; concurrency: number };
export type Argon2Result = {
  operations: number;
  elapsedSeconds: number;
  cpuMicros: number;
  latenciesMs: number[];
};

// One hash per bench user, as the server stores them (the same hasher, the same parameters).
const hasher = createPasswordHasher();
const hashes = await Promise.all(
  BENCH_USERS.map(async (user) => ({ ...user, hash: await hasher.hash(user.password) })),
);

async function run({ seconds, concurrency }: Argon2Run): Promise<Argon2Result> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const latenciesMs: number[] = [];
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const user = hashes[next++ % hashes.length];
      if (!user) throw new Error('no bench users');
      const begun = performance.now();
      if (!(await verify(user.hash, user.password))) throw new Error('argon2 verify failed');
      latenciesMs.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    operations: latenciesMs.length,
    elapsedSeconds: (performance.now() - started) / 1000,
    cpuMicros: cpu.user + cpu.system,
    latenciesMs,
  };
}

process.on('message', (message: { run?: Argon2Run }) => {
  if (!message.run) return;
  run(message.run).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
announceTarget({ port: 0, path: '(in process)', headers: {} });
process.on('SIGTERM', () => process.exit(0));
