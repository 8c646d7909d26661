import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TARGET_MARKER, type TargetInfo } from './target-protocol.ts';

/**
 * A target server in its own process, so its event loop is not shared with the
 * load generator. `env` is the child's whole environment.
 */
export type RunningTarget = TargetInfo & {
  url: string;
  child: ChildProcess;
  /** User + system CPU time the target has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
};

export async function spawnTarget(
  file: string,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
  timeoutMs = 60_000,
): Promise<RunningTarget> {
  const entry = fileURLToPath(new URL(file, import.meta.url));
  const child = spawn(process.execPath, [...execArgv, entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<TargetInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith(TARGET_MARKER));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(TARGET_MARKER.length)) as TargetInfo);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${file} exited before listening:\n${output}`));
    });
  });
  return {
    ...info,
    url: `http://127.0.0.1:${info.port}${info.path}`,
    child,
    cpuMicros() {
      return new Promise((resolve) => {
        child.once('message', (usage) => {
          const { user, system } = usage as NodeJS.CpuUsage;
          resolve(user + system);
        });
        child.send('cpu');
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
