import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { idempotencyProbes } from '../../../test/support/probes/idempotency-probes.ts';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';
import { startTestApp } from '../../../test/support/test-app.ts';
import { createPostgresDatabase, testBackend } from '../../../test/support/test-database.ts';

/**
 * The acceptance test: 20 concurrent requests with one Idempotency-Key run the
 * side effect (a row in probe_idempotency_things) exactly once. Every answer is
 * the original 201, its byte-for-byte replay, or 409 idempotency_in_progress.
 */
const REQUESTS = 20;
const THINGS = '/probe/idempotency/things';

type Answer = { status: number; replayed: boolean; body: Buffer; code?: string; retryAfter?: string };

function assertExactlyOnce(answers: Answer[], rows: { id: string }[]): void {
  assert.equal(rows.length, 1, `the side effect ran ${rows.length} times`);
  const originals = answers.filter((a) => a.status === 201 && !a.replayed);
  assert.equal(originals.length, 1, 'exactly one request ran the handler');
  const original = originals[0] as Answer;
  assert.equal(JSON.parse(original.body.toString()).id, rows[0]?.id);
  for (const answer of answers) {
    if (answer.status === 201) {
      assert.deepEqual(answer.body, original.body, 'a replay repeats the original bytes');
    } else {
      assert.equal(answer.status, 409, `unexpected ${answer.status}: ${answer.body}`);
      assert.equal(answer.code, 'idempotency_in_progress');
      assert.ok(answer.retryAfter);
    }
  }
}

describe('Idempotency-Key under concurrency', () => {
  it('20 concurrent requests with one key run the side effect once in one process (app.inject: the variant single-process PGlite can run)', async () => {
    const t = await startTestApp({ plugins: [idempotencyProbes] });
    try {
      const key = randomUUID();
      const name = `single-${key}`;
      const responses = await Promise.all(
        Array.from({ length: REQUESTS }, () =>
          t.app.inject({
            method: 'POST',
            url: THINGS,
            headers: { 'idempotency-key': key },
            payload: { name },
          }),
        ),
      );
      const answers = responses.map((res) => ({
        status: res.statusCode,
        replayed: res.headers['idempotent-replayed'] === 'true',
        body: res.rawPayload,
        code: res.statusCode === 409 ? res.json().code : undefined,
        retryAfter: res.headers['retry-after'] as string | undefined,
      }));
      const { rows } = await sql<{ id: string }>`
        SELECT id FROM probe_idempotency_things WHERE name = ${name}`.execute(t.database.kysely);
      assertExactlyOnce(answers, rows);
    } finally {
      await t.close();
    }
  });

  it('20 concurrent requests with one key across 3 server processes on one PostgreSQL run the side effect once', {
    skip: testBackend !== 'postgres' && 'PGlite is single-process: this variant runs on the PostgreSQL pass',
  }, async () => {
    const database = await createPostgresDatabase();
    const dataDirs: string[] = [];
    const servers: SpawnedServer[] = [];
    // Servers on one database share its master key (stored responses are sealed with its data keys).
    const masterKey = randomBytes(32).toString('base64');
    try {
      // One at a time: the first applies the migrations, the probes then create their tables once.
      for (let i = 0; i < 3; i++) {
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-idem-'));
        dataDirs.push(dataDir);
        servers.push(
          await spawnServer({
            DATABASE_URL: database.url,
            DATABASE_APP_URL: database.appUrl,
            KEYSTONE_DATA_DIR: dataDir,
            KEYSTONE_MASTER_KEY: masterKey,
            KEYSTONE_MAX_EVENT_LOOP_DELAY_MS: '0',
          }),
        );
      }
      const key = randomUUID();
      const name = `multi-${key}`;
      const answers = await Promise.all(
        Array.from({ length: REQUESTS }, async (_, i): Promise<Answer> => {
          const server = servers[i % servers.length] as SpawnedServer;
          const res = await fetch(`${server.url}${THINGS}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify({ name }),
          });
          const body = Buffer.from(await res.arrayBuffer());
          return {
            status: res.status,
            replayed: res.headers.get('idempotent-replayed') === 'true',
            body,
            ...(res.status === 409 ? { code: JSON.parse(body.toString()).code } : {}),
            ...(res.headers.get('retry-after')
              ? { retryAfter: res.headers.get('retry-after') as string }
              : {}),
          };
        }),
      );

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ id: string }>(
          'SELECT id FROM probe_idempotency_things WHERE name = $1',
          [name],
        );
        assertExactlyOnce(answers, rows);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
