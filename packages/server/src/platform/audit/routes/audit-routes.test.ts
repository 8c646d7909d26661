import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { ExtraPluginOptions } from '../../../app.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { newId } from '../../ids.ts';
import type { AuditEntry } from '../engine/audit-entry.ts';
import { entryHash } from '../engine/audit-hash.ts';
import { verifyChain } from '../engine/chain-verifier.ts';
import { appendAuditEntry } from '../service/append-entry.ts';
import { auditContextOf } from '../service/request-audit-context.ts';

/** A test-only route that records one entry the way modules will: request context in one line. */
const recordProbe: FastifyPluginAsyncZod<ExtraPluginOptions> = async (app, { database }) => {
  app.post(
    '/probe/audit/:orgId',
    {
      schema: {
        params: z.strictObject({ orgId: z.string() }),
        querystring: z.strictObject({}),
        body: z.strictObject({ note: z.string() }),
        response: { 200: z.object({ seq: z.number() }) },
      },
    },
    async (request) => {
      const entry = await withTenant(database, request.params.orgId, (scope) =>
        appendAuditEntry(scope, {
          ...auditContextOf(request),
          action: 'probe.recorded',
          target: { type: 'probe', id: 'p1' },
          metadata: { note: request.body.note },
        }),
      );
      return { seq: entry.seq };
    },
  );
};

describe('audit log over HTTP', () => {
  let t: TestApp;
  const orgA = newId('org');
  const orgB = newId('org');

  async function record(orgId: string, note: string, headers: Record<string, string> = {}) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/probe/audit/${orgId}`,
      headers: { ...t.operator, ...headers },
      payload: { note },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res;
  }

  before(async () => {
    t = await startTestApp({ plugins: [recordProbe] });
    for (let i = 1; i <= 5; i++) await record(orgA, `a${i}`);
    for (let i = 1; i <= 3; i++) await record(orgB, `b${i}`);
  });
  after(() => t.close());

  const get = (url: string, headers: Record<string, string> = t.operator) =>
    t.app.inject({ method: 'GET', url, headers });

  it('records the request context: actor, IP, user agent and trace id', async () => {
    const orgId = newId('org');
    const res = await record(orgId, 'ctx', {
      'user-agent': 'audit-test/1.0',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    const [entry] = (await get(`/v1/organizations/${orgId}/audit-log`)).json().data;
    assert.equal(entry.actor_type, 'operator');
    assert.match(entry.actor_id, /^opk_/);
    assert.equal(entry.ip, '127.0.0.1');
    assert.equal(entry.user_agent, 'audit-test/1.0');
    assert.equal(entry.trace_id, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(entry.trace_id, res.headers['x-request-id']);
    assert.deepEqual(entry.metadata, { note: 'ctx' });
  });

  it('lists an organization’s entries a page at a time, by seq cursor, and only its own', async () => {
    const seen: AuditEntry[] = [];
    let url = `/v1/organizations/${orgA}/audit-log?limit=2`;
    for (;;) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      seen.push(...body.data);
      if (body.next_after_seq === null) break;
      url = `/v1/organizations/${orgA}/audit-log?limit=2&after_seq=${body.next_after_seq}`;
    }
    assert.deepEqual(
      seen.map((e) => [e.org_id, e.seq, e.metadata.note]),
      [1, 2, 3, 4, 5].map((n) => [orgA, n, `a${n}`]),
    );
    const b = (await get(`/v1/organizations/${orgB}/audit-log`)).json();
    assert.deepEqual(
      b.data.map((e: AuditEntry) => e.metadata.note),
      ['b1', 'b2', 'b3'],
    );
    assert.ok(b.data.every((e: AuditEntry) => e.org_id === orgB));
  });

  it('verifies the chain', async () => {
    const res = await get(`/v1/organizations/${orgA}/audit-log/verify`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.ok, true);
    assert.equal(body.org_id, orgA);
    assert.equal(body.entries_verified, 5);
    assert.equal(body.head.seq, 5);
    assert.equal(body.first_break, null);
    const empty = (await get(`/v1/organizations/${newId('org')}/audit-log/verify`)).json();
    assert.deepEqual([empty.ok, empty.entries_verified, empty.head], [true, 0, null]);
  });

  it('exports NDJSON: one entry per line, in order, verifiable without the server', async () => {
    const res = await get(`/v1/organizations/${orgA}/audit-log/export`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/x-ndjson/);
    assert.ok(res.body.endsWith('\n'));
    const lines = res.body.trimEnd().split('\n');
    assert.equal(lines.length, 5);
    const entries: AuditEntry[] = lines.map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((e) => [e.org_id, e.seq]),
      [1, 2, 3, 4, 5].map((n) => [orgA, n]),
    );
    for (const entry of entries) assert.equal(entryHash(entry), entry.hash);
    const last = entries.at(-1)!;
    assert.equal(verifyChain(orgA, entries, { seq: last.seq, hash: last.hash }).ok, true);
    const tail = await get(`/v1/organizations/${orgA}/audit-log/export?after_seq=3`);
    assert.deepEqual(
      tail.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
      [4, 5],
    );
    const none = await get(`/v1/organizations/${newId('org')}/audit-log/export`);
    assert.equal(none.statusCode, 200);
    assert.equal(none.body, '');
  });

  it('reports the first broken link after tampering in SQL', async () => {
    const owner = await t.database.ownerRunner();
    try {
      await owner.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await owner.query(`UPDATE audit_log SET ip = '198.51.100.9' WHERE org_id = $1 AND seq = 2`, [orgB]);
      await owner.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    } finally {
      await owner.close();
    }
    const body = (await get(`/v1/organizations/${orgB}/audit-log/verify`)).json();
    assert.equal(body.ok, false);
    assert.equal(body.entries_verified, 1);
    assert.equal(body.first_break.seq, 2);
    assert.equal(body.first_break.reason, 'hash_mismatch');
    // The other organization's chain is untouched.
    assert.equal((await get(`/v1/organizations/${orgA}/audit-log/verify`)).json().ok, true);
  });

  it('refuses callers without access and bad input with problem+json', async () => {
    for (const path of ['audit-log', 'audit-log/verify', 'audit-log/export']) {
      const anonymous = await get(`/v1/organizations/${orgA}/${path}`, {});
      assert.equal(anonymous.statusCode, 401);
      assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);
      const badOrg = await get(`/v1/organizations/not-an-org/${path}`);
      assert.equal(badOrg.statusCode, 400);
      assert.equal(badOrg.json().code, 'validation_failed');
    }
    assert.equal((await get(`/v1/organizations/${orgA}/audit-log?limit=0`)).statusCode, 400);
    assert.equal((await get(`/v1/organizations/${orgA}/audit-log?after_seq=-1`)).statusCode, 400);
    assert.equal((await get(`/v1/organizations/${orgA}/audit-log?org=${orgB}`)).statusCode, 400);
    assert.equal((await get(`/v1/organizations/${orgA}/audit-log/verify?x=1`)).statusCode, 400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/openapi.json', {})).json();
    const paths = doc.paths;
    assert.ok(paths['/v1/organizations/{orgId}/audit-log'].get);
    assert.ok(paths['/v1/organizations/{orgId}/audit-log/verify'].get);
    const exportOp = paths['/v1/organizations/{orgId}/audit-log/export'].get;
    assert.ok(exportOp.responses['200'].content['application/x-ndjson']);
  });
});
