import type { Config } from '../platform/config/config.ts';

/** One operator CLI command: `keystone <name...> [args]`. Output goes to `out`; the exit code is returned. */
export type CliCommand = {
  /** Words that select it, e.g. ['audit', 'verify']. */
  name: string[];
  summary: string;
  run(args: string[], context: { config: Config; out: (line: string) => void }): Promise<number>;
};
