import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { ExtraPluginOptions } from '../../app.ts';
import type { AuditEntry } from '../../platform/audit/engine/audit-entry.ts';
import { entryHash } from '../../platform/audit/engine/audit-hash.ts';
import { verifyChain } from '../../platform/audit/engine/chain-verifier.ts';
import { ACTOR_TYPES, appendAuditEntry, auditContextOf } from '../../platform/audit/index.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { insertOrganization } from '../store/organization-store.ts';

/** A test-only route that records one entry the way modules do, with the actor, action and time it is given. */
const recordProbe: FastifyPluginAsyncZod<ExtraPluginOptions> = async (app, { database }) => {
  app.post(
    '/probe/audit/:orgId',
    {
      schema: {
        params: z.strictObject({ orgId: z.string() }),
        querystring: z.strictObject({}),
        body: z.strictObject({
          note: z.string(),
          action: z.string().default('probe.recorded'),
          actor: z.strictObject({ type: z.enum(ACTOR_TYPES), id: z.string() }).optional(),
          occurred_at: z.string().optional(),
        }),
        response: { 200: z.object({ seq: z.number() }) },
      },
    },
    async (request) => {
      const { note, action, actor, occurred_at } = request.body;
      const entry = await withTenant(database, request.params.orgId, (scope) =>
        appendAuditEntry(scope, {
          ...auditContextOf(request),
          ...(actor ? { actor } : {}),
          action,
          target: { type: 'probe', id: 'p1' },
          metadata: { note },
          ...(occurred_at ? { occurredAt: new Date(occurred_at) } : {}),
        }),
      );
      return { seq: entry.seq };
    },
  );
};

const notes = (entries: AuditEntry[]) => entries.map((e) => e.metadata.note);

describe('an organization’s audit log over HTTP', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;

  async function newOrg(): Promise<string> {
    const orgId = newId('org');
    await withTenant(t.database, orgId, (scope) =>
      insertOrganization(scope, {
        slug: `a-${orgId.slice(-10).toLowerCase()}`,
        name: 'Audited',
        created_by: null,
      }),
    );
    return orgId;
  }

  async function record(orgId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/probe/audit/${orgId}`,
      headers: { ...t.operator, ...headers },
      payload: body,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res;
  }

  const get = (url: string, headers: Record<string, string> = t.operator) =>
    t.app.inject({ method: 'GET', url, headers });

  /** Every entry a list URL gives, following next_cursor. */
  async function all(url: string): Promise<AuditEntry[]> {
    const seen: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await get(cursor === null ? url : `${url}${sep}cursor=${cursor}`);
      assert.equal(res.statusCode, 200, res.body);
      const body: { data: AuditEntry[]; next_cursor: string | null } = res.json();
      seen.push(...body.data);
      cursor = body.next_cursor;
    } while (cursor !== null);
    return seen;
  }

  const alice = { type: 'user', id: 'usr_alice' };
  const bob = { type: 'user', id: 'usr_bob' };
  const robot = { type: 'api_key', id: 'key_robot' };

  before(async () => {
    t = await startTestApp({ plugins: [recordProbe] });
    orgA = await newOrg();
    orgB = await newOrg();
    // a1..a6: three actors, three action families, one hour apart from 09:00 on 2026-01-10.
    const plan = [
      [alice, 'member.invited'],
      [bob, 'member.removed'],
      [alice, 'role.created'],
      [robot, 'member.role_changed'],
      [alice, 'member.removed'],
      [bob, 'organization.updated'],
    ] as const;
    for (const [i, [actor, action]] of plan.entries()) {
      const at = new Date(Date.UTC(2026, 0, 10, 9 + i)).toISOString();
      await record(orgA, { note: `a${i + 1}`, actor, action, occurred_at: at });
    }
    for (let i = 1; i <= 3; i++) await record(orgB, { note: `b${i}` });
  });
  after(() => t.close());

  it('records the request context: actor, IP, user agent and trace id', async () => {
    const orgId = await newOrg();
    const res = await record(
      orgId,
      { note: 'ctx' },
      {
        'user-agent': 'audit-test/1.0',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    );
    const [entry] = (await get(`/v1/organizations/${orgId}/audit-log`)).json().data;
    assert.equal(entry.actor_type, 'operator');
    assert.match(entry.actor_id, /^opk_/);
    assert.equal(entry.ip, '127.0.0.1');
    assert.equal(entry.user_agent, 'audit-test/1.0');
    assert.equal(entry.trace_id, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(entry.trace_id, res.headers['x-request-id']);
    assert.deepEqual(entry.metadata, { note: 'ctx' });
  });

  it('lists newest first a page at a time (opaque cursor), or in chain order, and only its own', async () => {
    const first = (await get(`/v1/organizations/${orgA}/audit-log?limit=4`)).json();
    assert.deepEqual(notes(first.data), ['a6', 'a5', 'a4', 'a3']);
    assert.equal(typeof first.next_cursor, 'string');
    assert.deepEqual(notes(await all(`/v1/organizations/${orgA}/audit-log?limit=4`)), [
      'a6',
      'a5',
      'a4',
      'a3',
      'a2',
      'a1',
    ]);
    const chainOrder = await all(`/v1/organizations/${orgA}/audit-log?limit=2&order=asc`);
    assert.deepEqual(
      chainOrder.map((e) => [e.org_id, e.seq, e.metadata.note]),
      [1, 2, 3, 4, 5, 6].map((n) => [orgA, n, `a${n}`]),
    );
    const b = await all(`/v1/organizations/${orgB}/audit-log`);
    assert.deepEqual(notes(b), ['b3', 'b2', 'b1']);
    assert.ok(b.every((e) => e.org_id === orgB));
  });

  it('filters by actor, actor type, action (exact or a family) and time, across pages', async () => {
    const list = (query: string) => all(`/v1/organizations/${orgA}/audit-log?limit=1&${query}`);
    assert.deepEqual(notes(await list('actor_id=usr_alice')), ['a5', 'a3', 'a1']);
    assert.deepEqual(notes(await list('actor_type=api_key')), ['a4']);
    assert.deepEqual(notes(await list('action=member.removed')), ['a5', 'a2']);
    assert.deepEqual(notes(await list('action=member.')), ['a5', 'a4', 'a2', 'a1']);
    // A family is a whole noun, and `_` in it is literal (not a LIKE wildcard).
    assert.deepEqual(notes(await list('action=membe.')), []);
    const orgId = await newOrg();
    await record(orgId, { note: 'key', action: 'api_key.created' });
    await record(orgId, { note: 'lookalike', action: 'apixkey.created' });
    assert.deepEqual(notes(await all(`/v1/organizations/${orgId}/audit-log?action=api_key.`)), ['key']);
    // since is inclusive, until exclusive; any RFC 3339 offset.
    assert.deepEqual(notes(await list('since=2026-01-10T11:00:00Z&until=2026-01-10T13:00:00Z')), [
      'a4',
      'a3',
    ]);
    assert.deepEqual(notes(await list('since=2026-01-10T12:00:00%2B02:00')), ['a6', 'a5', 'a4', 'a3', 'a2']);
    assert.deepEqual(notes(await list('actor_id=usr_alice&action=member.&order=asc')), ['a1', 'a5']);
    assert.deepEqual(notes(await list('actor_id=usr_nobody')), []);
  });

  it('verifies the chain', async () => {
    const res = await get(`/v1/organizations/${orgA}/audit-log/verify`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.ok, true);
    assert.equal(body.org_id, orgA);
    assert.equal(body.entries_verified, 6);
    assert.equal(body.head.seq, 6);
    assert.equal(body.first_break, null);
    const empty = (await get(`/v1/organizations/${await newOrg()}/audit-log/verify`)).json();
    assert.deepEqual([empty.ok, empty.entries_verified, empty.head], [true, 0, null]);
  });

  it('exports NDJSON in chain order, verifiable without the server, with the same filters', async () => {
    const res = await get(`/v1/organizations/${orgA}/audit-log/export`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/x-ndjson/);
    assert.ok(res.body.endsWith('\n'));
    const entries: AuditEntry[] = res.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      entries.map((e) => [e.org_id, e.seq]),
      [1, 2, 3, 4, 5, 6].map((n) => [orgA, n]),
    );
    for (const entry of entries) assert.equal(entryHash(entry), entry.hash);
    const last = entries.at(-1)!;
    assert.equal(verifyChain(orgA, entries, { seq: last.seq, hash: last.hash }).ok, true);
    const lines = async (query: string) => {
      const r = await get(`/v1/organizations/${orgA}/audit-log/export?${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.body === ''
        ? []
        : r.body
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l).metadata.note);
    };
    assert.deepEqual(await lines('after_seq=3'), ['a4', 'a5', 'a6']);
    assert.deepEqual(await lines('action=member.&actor_type=user'), ['a1', 'a2', 'a5']);
    assert.deepEqual(await lines('actor_id=usr_bob&since=2026-01-10T10:00:00Z&until=2026-01-10T14:00:00Z'), [
      'a2',
    ]);
    assert.deepEqual(await lines('action=member.&after_seq=2'), ['a4', 'a5']);
    const none = await get(`/v1/organizations/${await newOrg()}/audit-log/export`);
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

  it('refuses bad input with a 400 problem (validation_failed), never a 500', async () => {
    const ascCursor = (await get(`/v1/organizations/${orgA}/audit-log?limit=1&order=asc`)).json().next_cursor;
    const bad = [
      'limit=0',
      'limit=501',
      `org=${orgB}`,
      'since=yesterday',
      'since=2026-01-10',
      'until=2026-13-01T00:00:00Z',
      'since=2026-01-11T00:00:00Z&until=2026-01-10T00:00:00Z',
      'action=Member.Removed',
      'action=member..removed',
      'action=member',
      'action=%25',
      'actor_type=robot',
      'order=newest',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from('["desc",-1]').toString('base64url')}`,
      `cursor=${ascCursor}`,
    ];
    for (const query of bad) {
      const res = await get(`/v1/organizations/${orgA}/audit-log?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().code, 'validation_failed', query);
    }
    for (const query of [
      'after_seq=-1',
      'cursor=x',
      'since=2026-01-11T00:00:00Z&until=2026-01-10T00:00:00Z',
    ]) {
      const res = await get(`/v1/organizations/${orgA}/audit-log/export?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.equal(res.json().code, 'validation_failed');
    }
    assert.equal((await get(`/v1/organizations/${orgA}/audit-log/verify?x=1`)).statusCode, 400);
    for (const path of ['audit-log', 'audit-log/verify', 'audit-log/export']) {
      const badOrg = await get(`/v1/organizations/not-an-org/${path}`);
      assert.equal(badOrg.statusCode, 400);
      assert.equal(badOrg.json().code, 'validation_failed');
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/openapi.json', {})).json();
    const list = doc.paths['/v1/organizations/{orgId}/audit-log'].get;
    const names = list.parameters.map((p: { name: string }) => p.name);
    for (const name of ['actor_id', 'actor_type', 'action', 'since', 'until', 'order', 'cursor', 'limit'])
      assert.ok(names.includes(name), name);
    assert.ok(doc.paths['/v1/organizations/{orgId}/audit-log/verify'].get);
    const exportOp = doc.paths['/v1/organizations/{orgId}/audit-log/export'].get;
    assert.ok(exportOp.responses['200'].content['application/x-ndjson']);
  });
});
