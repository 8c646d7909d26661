/**
 * list-objects for one user over HTTP (OpenFGA's ListObjects: `{type, relation, user}` → `{objects}`),
 * one request at a time, `runs` times: each latency is the whole answer received. The first answer
 * must be exactly the documents the model gives that user (expected-access.ts); a 404 means the
 * route is not there (yet), and the measurement is skipped.
 */
import { percentile } from './check-load.ts';
import { bearerOf, type FgaBench } from './fga-setup.ts';

export type ListObjectsResult =
  | { skipped: string }
  | { count: number; runs: number; p50Ms: number; p99Ms: number; maxMs: number };

export async function measureListObjects(
  fga: FgaBench,
  user: string,
  expected: readonly string[],
  runs: number,
): Promise<ListObjectsResult> {
  const url = `${fga.origin}/fga/stores/${fga.storeId}/list-objects`;
  const body = JSON.stringify({ type: 'document', relation: 'viewer', user });
  const headers = { ...bearerOf(fga), 'content-type': 'application/json' };
  const latenciesMs: number[] = [];
  let count = 0;
  for (let run = 0; run <= runs; run++) {
    const begun = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    const elapsed = performance.now() - begun;
    if (res.status === 404 && run === 0) {
      return { skipped: `POST /fga/stores/{id}/list-objects answered 404 (${text.slice(0, 120)})` };
    }
    if (res.status !== 200) throw new Error(`list-objects answered ${res.status}: ${text.slice(0, 300)}`);
    if (run === 0) {
      // The first run checks the answer (and warms the path); the others are timed.
      const objects = (JSON.parse(text) as { objects: string[] }).objects;
      const answered = new Set(objects);
      const wanted = new Set(expected);
      const missing = expected.filter((object) => !answered.has(object));
      const extra = objects.filter((object) => !wanted.has(object));
      if (missing.length > 0 || extra.length > 0 || objects.length !== expected.length) {
        throw new Error(
          `list-objects for ${user} answered ${objects.length} objects, expected ${expected.length} ` +
            `(missing ${missing.slice(0, 5).join(', ')}; extra ${extra.slice(0, 5).join(', ')})`,
        );
      }
      count = objects.length;
      continue;
    }
    latenciesMs.push(elapsed);
  }
  return {
    count,
    runs,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    maxMs: Math.max(...latenciesMs),
  };
}
