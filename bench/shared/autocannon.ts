import { createRequire } from 'node:module';

/** autocannon is a devDependency of @keystone/server and ships no types: the part the benchmarks read. */
export type AutocannonResult = {
  requests: { average: number; total: number };
  duration: number;
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
};

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const requireFromServer = createRequire(new URL('../../packages/server/package.json', import.meta.url));
export const autocannon = requireFromServer('autocannon') as Autocannon;
