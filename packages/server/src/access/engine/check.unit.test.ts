import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CheckOutcome, type CheckRequest, check } from './check.ts';
import { compileModel } from './model-compiler.ts';
import { InMemoryTupleReader, type TupleReader, type TupleRecord } from './tuples.ts';

const model = compileModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, user:*, group#member]
type folder
  relations
    define parent: [folder]
    define viewer: [user, group#member] or viewer from parent
type document
  relations
    define parent: [folder]
    define owner: [user]
    define approved: [user]
    define blocked: [user]
    define editor: owner and approved
    define viewer: ([user, user:*, group#member] or editor or viewer from parent) but not blocked
    define restricted: [user, document#reader]
    define reader: [user] but not restricted
    define loop_a: [user] or loop_b
    define loop_b: loop_a
`);

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.indexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

function run(
  tuples: string[],
  request: string,
  extra: Partial<CheckRequest> = {},
  reader?: TupleReader,
  signal?: AbortSignal,
) {
  const { object, relation, user } = tuple(request);
  const source = reader ?? new InMemoryTupleReader(tuples.map(tuple));
  return check(model, source, { object, relation, user, ...extra }, signal ? { signal } : {});
}

const allow: CheckOutcome = { decision: 'allow' };
const deny: CheckOutcome = { decision: 'deny' };

describe('check: direct relations, wildcards and usersets', () => {
  it('a direct tuple allows exactly its user', async () => {
    const tuples = ['document:1#viewer@user:anne'];
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:anne'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:bob'), deny);
    assert.deepEqual(await run(tuples, 'document:2#viewer@user:anne'), deny);
  });

  it('a typed wildcard allows every user of that type, and the wildcard itself', async () => {
    const tuples = ['document:1#viewer@user:*'];
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:bob'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:*'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@group:eng#member'), deny);
  });

  it('a userset allows its members, nested, and names itself', async () => {
    const tuples = [
      'document:1#viewer@group:eng#member',
      'group:eng#member@group:core#member',
      'group:core#member@user:anne',
    ];
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:anne'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@group:eng#member'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@group:core#member'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:bob'), deny);
  });

  it('a userset is in itself, at the top and below (OpenFGA: self-defining)', async () => {
    assert.deepEqual(await run([], 'group:eng#member@group:eng#member'), allow);
    assert.deepEqual(await run(['document:1#parent@folder:x'], 'document:1#viewer@folder:x#viewer'), allow);
    assert.deepEqual(await run(['document:1#parent@folder:x'], 'document:1#viewer@folder:y#viewer'), deny);
  });

  it('ignores a stored tuple the model no longer allows', async () => {
    // `document#owner` takes only [user]: a group userset written under an older model relates nothing.
    const tuples = [
      'document:1#owner@group:eng#member',
      'group:eng#member@user:anne',
      'document:1#approved@user:anne',
    ];
    assert.deepEqual(await run(tuples, 'document:1#editor@user:anne'), deny);
  });
});

describe('check: computed usersets, tuple-to-userset and set operations', () => {
  it('intersection needs every branch', async () => {
    assert.deepEqual(await run(['document:1#owner@user:anne'], 'document:1#editor@user:anne'), deny);
    const both = ['document:1#owner@user:anne', 'document:1#approved@user:anne'];
    assert.deepEqual(await run(both, 'document:1#editor@user:anne'), allow);
    assert.deepEqual(
      await run(both, 'document:1#viewer@user:anne'),
      allow,
      'the computed editor feeds viewer',
    );
  });

  it('tuple-to-userset follows parents, recursively', async () => {
    const tuples = [
      'document:1#parent@folder:a',
      'folder:a#parent@folder:root',
      'folder:root#viewer@user:anne',
    ];
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:anne'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:bob'), deny);
  });

  it('exclusion removes the subtracted users, even when the base would allow', async () => {
    const tuples = ['document:1#viewer@user:*', 'document:1#blocked@user:mallory'];
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:anne'), allow);
    assert.deepEqual(await run(tuples, 'document:1#viewer@user:mallory'), deny);
  });

  it('contextual tuples count for the one request, beside the stored ones', async () => {
    const stored = ['document:1#parent@folder:a'];
    const contextualTuples = [tuple('folder:a#viewer@user:anne')];
    assert.deepEqual(await run(stored, 'document:1#viewer@user:anne', { contextualTuples }), allow);
    assert.deepEqual(await run(stored, 'document:1#viewer@user:anne'), deny);
    const blocked = [tuple('document:1#blocked@user:anne')];
    assert.deepEqual(
      await run(['document:1#viewer@user:anne'], 'document:1#viewer@user:anne', {
        contextualTuples: blocked,
      }),
      deny,
    );
  });
});

describe('check: cycles, depth and failures (never an allow)', () => {
  it('a cycle is a denial, not an error', async () => {
    assert.deepEqual(await run([], 'document:1#loop_a@user:anne'), deny);
    assert.deepEqual(await run(['document:1#loop_a@user:anne'], 'document:1#loop_b@user:anne'), allow);
    const tuples = ['folder:a#parent@folder:b', 'folder:b#parent@folder:a'];
    assert.deepEqual(await run(tuples, 'folder:a#viewer@user:anne'), deny);
  });

  it('a cycle in the subtracted branch denies the exclusion (OpenFGA)', async () => {
    const tuples = ['document:1#reader@user:jon', 'document:1#restricted@document:1#reader'];
    assert.deepEqual(await run(tuples, 'document:1#reader@user:jon'), deny);
  });

  it('resolution deeper than the limit fails closed with its own outcome', async () => {
    const chain = Array.from({ length: 30 }, (_, i) => `folder:${i}#parent@folder:${i + 1}`);
    const tuples = [...chain, 'folder:30#viewer@user:anne'];
    const outcome = await run(tuples, 'folder:0#viewer@user:anne');
    assert.equal(outcome.decision, 'error');
    assert.equal(outcome.decision === 'error' && outcome.kind, 'depth_exceeded');
    assert.deepEqual(await run(tuples, 'folder:10#viewer@user:anne'), allow, 'within the limit it resolves');
  });

  it('a sub-check that hit the depth limit on a deep path is resolved again on a shallow one', async () => {
    const shortcut = compileModel(`model
  schema 1.1
type user
type folder
  relations
    define parent: [folder]
    define viewer: [user] or viewer from parent
type document
  relations
    define parent: [folder]
    define shortcut: [folder]
    define deep: viewer from parent
    define short: viewer from shortcut
    define can_view: deep or short
`);
    const reader = new InMemoryTupleReader(
      [
        'document:1#parent@folder:p1',
        'folder:p1#parent@folder:p2',
        'folder:p2#parent@folder:x',
        'folder:x#viewer@user:anne',
        'document:1#shortcut@folder:p2',
      ].map(tuple),
    );
    const request = { object: 'document:1', relation: 'can_view', user: 'user:anne' };
    // The deep branch reaches folder:x at depth 4 (the limit here) and fails; the short one reaches
    // folder:p2 at depth 2, and from there folder:x within the limit.
    assert.deepEqual(await check(shortcut, reader, request, { maxDepth: 4 }), allow);
    const tooDeep = await check(shortcut, reader, request, { maxDepth: 3 });
    assert.equal(tooDeep.decision === 'error' && tooDeep.kind, 'depth_exceeded');
  });

  it('a check still running at its deadline fails closed', async () => {
    const tuples = ['document:1#viewer@user:anne'];
    const expired = await run(tuples, 'document:1#viewer@user:anne', {}, undefined, AbortSignal.abort());
    assert.equal(expired.decision === 'error' && expired.kind, 'deadline_exceeded');
    // The deadline passes during a read: the answer that read brings is not used.
    const deadline = new AbortController();
    const stored = new InMemoryTupleReader(tuples.map(tuple));
    const slow: TupleReader = {
      async readDirect(query) {
        deadline.abort();
        return stored.readDirect(query);
      },
      readTupleset: (object, relation) => stored.readTupleset(object, relation),
    };
    const late = await run([], 'document:1#viewer@user:anne', {}, slow, deadline.signal);
    assert.equal(late.decision === 'error' && late.kind, 'deadline_exceeded');
  });

  it('a failing tuple store is an error, never an allow', async () => {
    const broken: TupleReader = {
      readDirect: () => Promise.reject(new Error('connection lost')),
      readTupleset: () => Promise.reject(new Error('connection lost')),
    };
    const outcome = await run([], 'document:1#viewer@user:anne', {}, broken);
    assert.equal(outcome.decision === 'error' && outcome.kind, 'storage_error');
  });

  it('a failing branch still loses to an allowing one in a union', async () => {
    const stored = new InMemoryTupleReader([
      tuple('document:1#viewer@user:anne'),
      tuple('document:1#parent@folder:a'),
    ]);
    const flaky: TupleReader = {
      readDirect: (query) => stored.readDirect(query),
      readTupleset: () => Promise.reject(new Error('timeout')),
    };
    assert.deepEqual(await run([], 'document:1#viewer@user:anne', {}, flaky), allow);
    const outcome = await run([], 'document:1#viewer@user:bob', {}, flaky);
    assert.equal(outcome.decision, 'error');
  });

  it('deduplicates sub-checks within a request', async () => {
    // Two documents' worth of parents all lead to folder:shared; it is resolved once.
    const stored = new InMemoryTupleReader(
      [
        'document:1#parent@folder:a',
        'document:1#parent@folder:b',
        'folder:a#parent@folder:shared',
        'folder:b#parent@folder:shared',
      ].map(tuple),
    );
    const reads: string[] = [];
    const counting: TupleReader = {
      readDirect(query) {
        reads.push(`${query.object}#${query.relation}`);
        return stored.readDirect(query);
      },
      readTupleset(object, relation) {
        reads.push(`${object}#${relation}`);
        return stored.readTupleset(object, relation);
      },
    };
    assert.deepEqual(await run([], 'document:1#viewer@user:anne', {}, counting), deny);
    assert.equal(reads.filter((read) => read === 'folder:shared#parent').length, 1);
  });
});

describe('check: request validation', () => {
  it('refuses names the model does not have and malformed references', async () => {
    for (const request of [
      'page:1#viewer@user:anne',
      'document:1#nope@user:anne',
      'document:1#viewer@robot:x',
      'document:1#viewer@group:eng#nope',
      'document:1#viewer@a:b:c',
      'document:*#viewer@user:anne',
    ]) {
      const outcome = await run([], request);
      assert.equal(outcome.decision === 'error' && outcome.kind, 'invalid_request', request);
    }
  });

  it('refuses contextual tuples that do not fit the model', async () => {
    for (const bad of [
      'document:1#owner@user:*',
      'document:1#parent@user:anne',
      'document:1#editor@user:anne',
      'folder:a#viewer@group:eng',
    ]) {
      const outcome = await run([], 'document:1#viewer@user:anne', { contextualTuples: [tuple(bad)] });
      assert.equal(outcome.decision === 'error' && outcome.kind, 'invalid_contextual_tuple', bad);
    }
  });
});
