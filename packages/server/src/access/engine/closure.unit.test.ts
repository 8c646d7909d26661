/**
 * A check's closure: one read brings what the resolver would read as it goes, and the answers stay the
 * store's exactly. Reads are counted with a wrapping reader; the outcomes are compared with the same
 * checks resolved one read at a time (a reader without readClosure) on seeded random stores, cycles
 * and conditions included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreementModel, randomStore, TARGETS, USERS } from './agreement-stores.ts';
import { CLOSURE_ROW_LIMIT, check } from './check.ts';
import { closurePlan } from './closure-plan.ts';
import { compileModel } from './model-compiler.ts';
import {
  type ClosureQuery,
  type ClosureTupleReader,
  type DirectQuery,
  InMemoryTupleReader,
  type TupleReader,
  type TupleRecord,
} from './tuples.ts';

/** Counts every read that reaches the store. */
class CountingReader implements ClosureTupleReader {
  readonly #stored: InMemoryTupleReader;
  reads = 0;
  closures = 0;

  constructor(stored: InMemoryTupleReader) {
    this.#stored = stored;
  }

  readDirect(query: DirectQuery) {
    this.reads++;
    return this.#stored.readDirect(query);
  }

  readTupleset(object: string, relation: string) {
    this.reads++;
    return this.#stored.readTupleset(object, relation);
  }

  readClosure(query: ClosureQuery) {
    this.reads++;
    this.closures++;
    return this.#stored.readClosure(query);
  }
}

/** The resolver reading as it goes: no closure. */
function oneReadAtATime(stored: TupleReader): TupleReader {
  return {
    readDirect: (query) => stored.readDirect(query),
    readTupleset: (object, relation) => stored.readTupleset(object, relation),
  };
}

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.indexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

const sharing = compileModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user, group#member] or owner
    define viewer: [user, group#member] or editor or viewer from parent
type document
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user, group#member] or owner
    define viewer: [user, group#member] or editor or viewer from parent
`);

/** A document three folders deep, shared along the way with groups nested three deep. */
const nested = [
  'document:d#parent@folder:f3',
  'document:d#owner@user:olga',
  'document:d#viewer@user:vic',
  'document:d#viewer@group:g3#member',
  'folder:f3#parent@folder:f2',
  'folder:f2#parent@folder:f1',
  'folder:f1#editor@group:top#member',
  'group:top#member@group:mid#member',
  'group:mid#member@group:leaf#member',
  'group:leaf#member@user:anne',
  'group:g3#member@user:gus',
  ...Array.from({ length: 50 }, (_, i) => `group:leaf#member@user:u${i}`),
].map(tuple);

describe('check closure', () => {
  it('a nested-group, nested-folder document costs one read, allowed or denied', async () => {
    for (const [user, decision] of [
      ['user:anne', 'allow'],
      ['user:gus', 'allow'],
      ['user:olga', 'allow'],
      ['user:nobody', 'deny'],
    ] as const) {
      const reader = new CountingReader(new InMemoryTupleReader(nested));
      const outcome = await check(sharing, reader, { object: 'document:d', relation: 'viewer', user });
      assert.deepEqual(outcome, { decision }, user);
      assert.equal(reader.reads, 1, `${user}: ${reader.reads} reads`);
    }
    // Without the closure the same denied check walks every object: the closure is what saves it.
    const walking = new CountingReader(new InMemoryTupleReader(nested));
    const outcome = await check(sharing, oneReadAtATime(walking), {
      object: 'document:d',
      relation: 'viewer',
      user: 'user:nobody',
    });
    assert.deepEqual(outcome, { decision: 'deny' });
    assert.ok(walking.reads >= 15, `${walking.reads} reads one at a time`);
  });

  it('reads only the checked user’s own tuples: other users of a wide group stay in the store', async () => {
    let largest = 0;
    const stored = new InMemoryTupleReader(nested);
    const reader: ClosureTupleReader = {
      readDirect: (query) => stored.readDirect(query),
      readTupleset: (object, relation) => stored.readTupleset(object, relation),
      async readClosure(query) {
        const closure = await stored.readClosure(query);
        largest = closure?.tuples.length ?? -1;
        return closure;
      },
    };
    await check(sharing, reader, { object: 'document:d', relation: 'viewer', user: 'user:anne' });
    // The 50 other leaf members are not read: 10 tuples (document 4 less olga's and vic's, ...).
    assert.ok(largest > 0 && largest < 15, `${largest} tuples in the closure`);
  });

  it('follows only what the checked relation can reach', async () => {
    assert.deepEqual(closurePlan(sharing, 'document', 'owner'), {
      follow: [],
      tuplesets: [],
      directs: [{ objectType: 'document', relation: 'owner' }],
    });
    const member = closurePlan(sharing, 'group', 'member');
    assert.deepEqual(member.follow, [
      { objectType: 'group', relation: 'member', userType: 'group', userRelation: 'member' },
    ]);
    // A document's viewers reach its folders' viewers and editors and their groups, not the other way.
    const viewer = closurePlan(sharing, 'document', 'viewer');
    assert.deepEqual(viewer.tuplesets, [
      { objectType: 'document', relation: 'parent' },
      { objectType: 'folder', relation: 'parent' },
    ]);
    const stored = new InMemoryTupleReader(nested);
    const closure = await stored.readClosure({
      object: 'document:d',
      users: ['user:olga', 'user:*'],
      plan: closurePlan(sharing, 'document', 'owner'),
      limit: 100,
    });
    assert.deepEqual(closure, { objects: ['document:d'], tuples: [tuple('document:d#owner@user:olga')] });
  });

  it('past the row limit the check reads as it goes, with the same answer', async () => {
    const wide = [
      'document:d#viewer@group:g0#member',
      ...Array.from({ length: CLOSURE_ROW_LIMIT }, (_, i) => `group:g${i}#member@group:g${i + 1}#member`),
      `group:g${CLOSURE_ROW_LIMIT}#member@user:deep`,
      'group:g0#member@user:near',
    ].map(tuple);
    const reader = new CountingReader(new InMemoryTupleReader(wide));
    const near = await check(sharing, reader, {
      object: 'document:d',
      relation: 'viewer',
      user: 'user:near',
    });
    assert.deepEqual(near, { decision: 'allow' });
    assert.equal(reader.closures, 1);
    assert.ok(reader.reads > 1, 'the reads after the dropped closure went to the store');
    // 1,000 groups deep is past the resolution depth limit: an error, never an allow.
    const deep = await check(sharing, reader, {
      object: 'document:d',
      relation: 'viewer',
      user: 'user:deep',
    });
    assert.equal(deep.decision, 'error');
  });

  it('contextual tuples are read over the closure: a contextual link reaches stored tuples', async () => {
    const reader = new CountingReader(new InMemoryTupleReader(nested));
    const outcome = await check(sharing, reader, {
      object: 'document:d',
      relation: 'viewer',
      user: 'user:anne',
      contextualTuples: [tuple('document:d#viewer@group:mid#member')],
    });
    assert.deepEqual(outcome, { decision: 'allow' });
    const other = new CountingReader(new InMemoryTupleReader([tuple('group:x#member@user:zed')]));
    const linked = await check(sharing, other, {
      object: 'document:d',
      relation: 'viewer',
      user: 'user:zed',
      contextualTuples: [tuple('document:d#viewer@group:x#member')],
    });
    assert.deepEqual(linked, { decision: 'allow' });
  });

  it('a failed closure read or a spent deadline fails closed', async () => {
    const stored = new InMemoryTupleReader(nested);
    const failing: ClosureTupleReader = {
      readDirect: (query) => stored.readDirect(query),
      readTupleset: (object, relation) => stored.readTupleset(object, relation),
      readClosure: () => Promise.reject(new Error('connection lost')),
    };
    const request = { object: 'document:d', relation: 'viewer', user: 'user:anne' };
    const failed = await check(sharing, failing, request);
    assert.equal(failed.decision === 'error' && failed.kind, 'storage_error');
    const controller = new AbortController();
    const slow: ClosureTupleReader = {
      ...failing,
      async readClosure(query) {
        controller.abort();
        return stored.readClosure(query);
      },
    };
    const late = await check(sharing, slow, request, { signal: controller.signal });
    assert.equal(late.decision === 'error' && late.kind, 'deadline_exceeded');
  });

  it('agrees with the one-read-at-a-time check on 80 random stores, cycles and conditions included', async () => {
    let compared = 0;
    let allowed = 0;
    let errors = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const stored = new InMemoryTupleReader(randomStore(seed));
      // Odd seeds give no context: conditional tuples then fail (missing parameter), as errors.
      const context = seed % 3 === 0 ? {} : { flag: seed % 3 === 1 };
      for (const user of [...USERS, 'user:*', 'group:g1#member', 'folder:f1#viewer', 'group:g2#admin']) {
        for (const [, relation, objects] of TARGETS) {
          for (const object of objects) {
            const request = seed % 2 === 0 ? { object, relation, user, context } : { object, relation, user };
            const closure = await check(agreementModel, stored, request);
            const walked = await check(agreementModel, oneReadAtATime(stored), request);
            assert.deepEqual(closure, walked, `seed ${seed}: ${object}#${relation}@${user}`);
            compared++;
            if (closure.decision === 'allow') allowed++;
            if (closure.decision === 'error') errors++;
          }
        }
      }
    }
    assert.ok(
      allowed > compared / 10 && errors > 0,
      `${compared} compared, ${allowed} allowed, ${errors} errors`,
    );
  });
});
