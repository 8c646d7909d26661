import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serverBackendEnv } from '../../../test/support/server-backend-env.ts';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';
import { SHED_RETRY_AFTER_SECONDS } from './load-shedding.ts';

/** Generous: starting a server process is slow on a busy machine. */
const START_TIMEOUT_MS = 110_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `request` until `accept` holds, a bounded number of times; returns the accepted response. */
async function until(
  what: string,
  request: () => Promise<Response>,
  accept: (response: Response) => boolean,
): Promise<Response> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await request();
    if (accept(response)) return response;
    await response.arrayBuffer();
    await pause(100);
  }
  assert.fail(`gave up waiting for ${what}`);
}

/*
 * Over real HTTP against a real server process: the probe stalls that process's
 * event loop for 300 ms at a time, over and over, as a CPU-bound overload would,
 * while the shedding threshold is 100 ms of average event-loop delay.
 */
describe('load shedding', () => {
  let backend: Awaited<ReturnType<typeof serverBackendEnv>>;
  let server: SpawnedServer;
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const ping = () => fetch(`${server.url}/probe/rate-limit/public`);

  before(async () => {
    backend = await serverBackendEnv();
    server = await spawnServer(
      { ...(await backend.next()), KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '100' },
      START_TIMEOUT_MS,
    );
    // Start-up work (migrations, PGlite) can itself trip the threshold; wait for a calm loop.
    await (await until('the server to settle', ping, (r) => r.status === 200)).arrayBuffer();
  });

  after(async () => {
    await server?.stop();
    await backend.cleanup();
  });

  it('answers 503 overloaded with Retry-After while saturated, keeps /healthz up, then recovers', async () => {
    const started = await post('/probe/saturate/start', { blockMs: 300 });
    assert.equal(started.status, 202);
    try {
      const shed = await until('a request to be shed', ping, (r) => r.status === 503);
      assert.match(String(shed.headers.get('content-type')), /^application\/problem\+json/);
      assert.equal(shed.headers.get('retry-after'), String(SHED_RETRY_AFTER_SECONDS));
      const problem = (await shed.json()) as { code: string; status: number; trace_id: string };
      assert.equal(problem.code, 'overloaded');
      assert.equal(problem.status, 503);
      assert.equal(problem.trace_id, shed.headers.get('x-request-id'));

      // Liveness still answers while ordinary requests are refused.
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const stillShed = await ping();
      await stillShed.arrayBuffer();
      assert.equal(stillShed.status, 503, 'the overload was still on while /healthz answered');
    } finally {
      const stopped = await post('/probe/saturate/stop', {});
      assert.equal(stopped.status, 200);
    }

    const recovered = await until('the server to recover', ping, (r) => r.status === 200);
    assert.deepEqual(await recovered.json(), { ok: true });
  });
});
