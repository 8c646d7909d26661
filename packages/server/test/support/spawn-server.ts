import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A Keystone server in a child process (see probe-server.ts), reachable over real HTTP. */
export type SpawnedServer = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** Sends a signal and waits for the exit code (null if killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'probe-server.ts');

/** The environment of a server process in tests: any free port on loopback, quiet, no shedding. */
export function serverProcessEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // Shedding is off unless asked for: a loaded test machine stalls the loop and would trip it.
    KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  };
}

export async function spawnServer(env: Record<string, string>, timeoutMs = 60_000): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [entry], {
    env: serverProcessEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      const match = /KEYSTONE_TEST_LISTENING (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
