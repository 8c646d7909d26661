import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  idempotencyProbeControl,
  idempotencyProbes,
} from '../../../test/support/probes/idempotency-probes.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { sweepExpiredKeys } from './idempotency-store.ts';

const THINGS = '/probe/idempotency/things';

describe('Idempotency-Key over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ plugins: [idempotencyProbes] });
  });
  after(() => t.close());

  const unique = (label: string) => `${label}-${randomUUID()}`;

  function post(body: Record<string, unknown>, key?: string, headers: Record<string, string> = {}) {
    return t.app.inject({
      method: 'POST',
      url: THINGS,
      payload: body,
      headers: key === undefined ? headers : { 'idempotency-key': key, ...headers },
    });
  }

  async function countThings(name: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM probe_idempotency_things WHERE name = ${name}`.execute(
      t.database.kysely,
    );
    return rows[0]?.n ?? 0;
  }

  async function countRecords(key?: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM idempotency_keys
      WHERE ${key === undefined ? sql`true` : sql`key = ${key}`}`.execute(t.database.kysely);
    return rows[0]?.n ?? 0;
  }

  async function ageRecord(key: string, interval: string): Promise<void> {
    await sql`UPDATE idempotency_keys SET created_at = created_at - ${interval}::interval WHERE key = ${key}`.execute(
      t.database.kysely,
    );
  }

  it('replays the first response byte-for-byte with Idempotent-Replayed: true', async () => {
    const key = unique('replay');
    const name = unique('thing');
    const first = await post({ name }, key);
    assert.equal(first.statusCode, 201);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.match(String(first.headers.location), /^\/probe\/idempotency\/things\/thing_/);

    const again = await post({ name }, key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.rawPayload, first.rawPayload);
    assert.equal(again.headers['content-type'], first.headers['content-type']);
    assert.equal(again.headers.location, first.headers.location);
    // The draft's quoted sf-string form names the same key.
    const quoted = await post({ name }, `"${key}"`);
    assert.equal(quoted.headers['idempotent-replayed'], 'true');
    assert.deepEqual(quoted.rawPayload, first.rawPayload);
    assert.equal(await countThings(name), 1);
  });

  it('keeps stored responses sealed: the body at rest is ciphertext, bound to its key', async () => {
    const key = unique('sealed');
    const name = unique('secret-looking-thing');
    const first = await post({ name }, key);
    assert.equal(first.statusCode, 201);
    const { rows } = await sql<{ body: Uint8Array }>`
      SELECT response_body AS body FROM idempotency_keys WHERE key = ${key}`.execute(t.database.kysely);
    const stored = Buffer.from(rows[0]?.body ?? new Uint8Array()).toString('utf8');
    assert.ok(stored.length > 0);
    assert.ok(!stored.includes(name), 'the response is not stored in clear');
    // Moved under another key, the sealed body does not open: the replay fails instead of leaking.
    const other = unique('other');
    await post({ name: unique('x') }, other);
    await sql`UPDATE idempotency_keys SET response_body = (SELECT response_body FROM idempotency_keys WHERE key = ${key})
      WHERE key = ${other}`.execute(t.database.kysely);
    const moved = await post({ name: 'irrelevant' }, other);
    assert.notEqual(moved.statusCode, 201);
  });

  it('treats the same JSON in another key order as the same request', async () => {
    const key = unique('order');
    const name = unique('thing');
    const first = await t.app.inject({
      method: 'POST',
      url: THINGS,
      headers: { 'idempotency-key': key, 'content-type': 'application/json' },
      payload: `{"name":"${name}","gate":"none"}`,
    });
    const again = await t.app.inject({
      method: 'POST',
      url: THINGS,
      headers: { 'idempotency-key': key, 'content-type': 'application/json' },
      payload: `{ "gate": "none",  "name": "${name}" }`,
    });
    assert.equal(first.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);
    assert.equal(await countThings(name), 1);
  });

  it('answers 422 idempotency_key_reused for the same key with a different payload', async () => {
    const key = unique('reuse');
    const name = unique('thing');
    assert.equal((await post({ name }, key)).statusCode, 201);
    const other = await post({ name: `${name}-other` }, key);
    assert.equal(other.statusCode, 422);
    assert.match(String(other.headers['content-type']), /^application\/problem\+json/);
    assert.equal(other.json().code, 'idempotency_key_reused');
    assert.equal(await countThings(`${name}-other`), 0);
  });

  it('answers 409 idempotency_in_progress with Retry-After while the first request runs', async () => {
    const key = unique('busy');
    const name = unique('thing');
    const gate = unique('gate');
    const held = idempotencyProbeControl.hold(gate);
    const first = post({ name, gate }, key);
    await held.arrived(1);

    const during = await post({ name, gate }, key);
    assert.equal(during.statusCode, 409);
    assert.equal(during.json().code, 'idempotency_in_progress');
    assert.ok(Number(during.headers['retry-after']) >= 1);
    assert.equal(await countThings(name), 0);

    held.release();
    const done = await first;
    assert.equal(done.statusCode, 201);
    const after = await post({ name, gate }, key);
    assert.equal(after.headers['idempotent-replayed'], 'true');
    assert.equal(after.body, done.body);
    assert.equal(await countThings(name), 1);
  });

  it('lets a retry take over a claim older than the lock timeout; the late first response is not stored', async () => {
    const key = unique('stale');
    const name = unique('thing');
    const gate = unique('gate');
    const held = idempotencyProbeControl.hold(gate);
    const first = post({ name, gate }, key);
    await held.arrived(1);
    // As if the first process had died 61 s ago with the request in flight.
    await ageRecord(key, '61 seconds');
    const second = post({ name, gate }, key);
    await held.arrived(2);
    // The takeover now owns the record: a third request finds it in progress, not stale.
    const during = await post({ name, gate }, key);
    assert.equal(during.statusCode, 409);

    held.release();
    const [firstDone, secondDone] = await Promise.all([first, second]);
    assert.equal(firstDone.statusCode, 201);
    assert.equal(secondDone.statusCode, 201);
    assert.notEqual(firstDone.json().id, secondDone.json().id);
    const replay = await post({ name, gate }, key);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body, secondDone.body);
    assert.equal(await countThings(name), 2);
  });

  it('does not store a 5xx: the key is released and a retry runs the request', async () => {
    const key = unique('fail');
    const name = unique('thing');
    idempotencyProbeControl.failOnce(name);
    const failed = await post({ name }, key);
    assert.equal(failed.statusCode, 500);
    assert.equal(await countRecords(key), 0);

    const retry = await post({ name }, key);
    assert.equal(retry.statusCode, 201);
    assert.equal(retry.headers['idempotent-replayed'], undefined);
    const replay = await post({ name }, key);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body, retry.body);
    assert.equal(await countThings(name), 1);
  });

  it('does not store requests that fail validation', async () => {
    const key = unique('invalid-body');
    const name = unique('thing');
    const bad = await post({ name, unexpected: true }, key);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'validation_failed');
    assert.equal(await countRecords(key), 0);
    const good = await post({ name }, key);
    assert.equal(good.statusCode, 201);
    assert.equal(good.headers['idempotent-replayed'], undefined);
  });

  it('forgets a key after 24 h: an expired record is replaced, and the sweeper deletes expired rows', async () => {
    const key = unique('expiry');
    const name = unique('thing');
    const first = await post({ name }, key);
    assert.equal(first.statusCode, 201);
    await ageRecord(key, '24 hours 1 second');

    // Expired: the key is free again, even for another payload.
    const fresh = await post({ name: `${name}-2` }, key);
    assert.equal(fresh.statusCode, 201);
    assert.equal(fresh.headers['idempotent-replayed'], undefined);
    assert.equal((await post({ name: `${name}-2` }, key)).headers['idempotent-replayed'], 'true');

    const keep = unique('kept');
    assert.equal((await post({ name: unique('thing') }, keep)).statusCode, 201);
    await ageRecord(key, '25 hours');
    assert.ok((await sweepExpiredKeys(t.database.kysely, 24 * 60 * 60)) >= 1);
    assert.equal(await countRecords(key), 0);
    assert.equal(await countRecords(keep), 1);
  });

  it('runs every request without a key', async () => {
    const name = unique('thing');
    const records = await countRecords();
    const a = await post({ name });
    const b = await post({ name });
    assert.equal(a.statusCode, 201);
    assert.equal(b.statusCode, 201);
    assert.notEqual(a.json().id, b.json().id);
    assert.equal(b.headers['idempotent-replayed'], undefined);
    assert.equal(await countThings(name), 2);
    assert.equal(await countRecords(), records);
  });

  it('scopes keys per credential: the same key from another credential is another request', async () => {
    const key = unique('scoped');
    const name = unique('thing');
    const anonymous = await post({ name }, key);
    const operator = await post({ name }, key, t.operator);
    assert.equal(anonymous.statusCode, 201);
    assert.equal(operator.statusCode, 201);
    assert.equal(operator.headers['idempotent-replayed'], undefined);
    assert.notEqual(operator.json().id, anonymous.json().id);
    assert.equal((await post({ name }, key, t.operator)).body, operator.body);
    assert.equal(await countThings(name), 2);
  });

  it('refuses a malformed key with 400 idempotency_key_invalid and runs nothing', async () => {
    const name = unique('thing');
    for (const bad of ['k'.repeat(256), '"unterminated', 'two, keys', '"caf\u00e9"']) {
      const res = await post({ name }, bad);
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json().code, 'idempotency_key_invalid');
    }
    assert.equal(await countThings(name), 0);
  });

  it('covers DELETE too, replaying an empty 204', async () => {
    const created = (await post({ name: unique('thing') })).json();
    const key = unique('delete');
    const url = `${THINGS}/${created.id}`;
    const first = await t.app.inject({ method: 'DELETE', url, headers: { 'idempotency-key': key } });
    assert.equal(first.statusCode, 204);
    const again = await t.app.inject({ method: 'DELETE', url, headers: { 'idempotency-key': key } });
    assert.equal(again.statusCode, 204);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.rawPayload.length, 0);
  });

  it('ignores the header on safe methods', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'idempotency-key': '"bad' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['idempotent-replayed'], undefined);
  });

  it('documents the optional Idempotency-Key header on mutating routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const headerParam = (operation: { parameters?: { in: string; name: string; required?: boolean }[] }) =>
      operation.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    for (const operation of [doc.paths[THINGS].post, doc.paths[`${THINGS}/{id}`].delete]) {
      const param = headerParam(operation);
      assert.ok(param, 'the header is documented');
      assert.notEqual(param.required, true);
    }
    assert.equal(headerParam(doc.paths['/healthz'].get), undefined);
  });
});
