/**
 * list-objects agrees with check: over seeded random stores of a model that uses every rewrite (direct,
 * wildcard, usersets, nested groups, tuple-to-userset chains, intersection, exclusion, conditions), the
 * objects listed for a user are exactly the objects a check allows, for every user and relation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from './check.ts';
import { listObjects } from './list-objects.ts';
import { compileModel } from './model-compiler.ts';
import { tupleProblem } from './tuple-validation.ts';
import { InMemoryTupleReader, type TupleRecord } from './tuples.ts';

const model = compileModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, user:*, group#member]
    define admin: [user] or admin from parent
    define parent: [group]
type folder
  relations
    define parent: [folder]
    define owner: [user, group#member]
    define viewer: [user, user:*, group#member, user with open] or owner or viewer from parent
    define banned: [user, group#member]
type document
  relations
    define parent: [folder]
    define owner: [user, group#admin]
    define approved: [user, user:*]
    define editor: owner and approved
    define viewer: ([user, group#member] or editor or viewer from parent) but not banned from parent
    define reader: viewer or editor

condition open(flag: bool) {
  flag
}
`);

/** mulberry32: the same seed gives the same store. */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const USERS = ['user:a', 'user:b', 'user:c', 'user:d'];

function randomStore(seed: number): TupleRecord[] {
  const pick = seeded(seed);
  const one = <T>(list: readonly T[]): T => list[pick(list.length)] as T;
  const groups = ['group:g1', 'group:g2', 'group:g3'];
  const folders = ['folder:f1', 'folder:f2', 'folder:f3', 'folder:f4'];
  const documents = ['document:d1', 'document:d2', 'document:d3', 'document:d4', 'document:d5'];
  const candidates: Array<() => TupleRecord> = [
    () => ({ object: one(groups), relation: 'member', user: one([...USERS, 'user:*']) }),
    () => ({ object: one(groups), relation: 'member', user: `${one(groups)}#member` }),
    () => ({ object: one(groups), relation: 'admin', user: one(USERS) }),
    () => ({ object: one(groups), relation: 'parent', user: one(groups) }),
    () => ({ object: one(folders), relation: 'parent', user: one(folders) }),
    () => ({ object: one(folders), relation: 'owner', user: one([...USERS, `${one(groups)}#member`]) }),
    () => ({
      object: one(folders),
      relation: 'viewer',
      user: one([...USERS, 'user:*', `${one(groups)}#member`]),
    }),
    () => ({ object: one(folders), relation: 'viewer', user: one(USERS), condition: { name: 'open' } }),
    () => ({ object: one(folders), relation: 'banned', user: one([...USERS, `${one(groups)}#member`]) }),
    () => ({ object: one(documents), relation: 'parent', user: one(folders) }),
    () => ({ object: one(documents), relation: 'owner', user: one([...USERS, `${one(groups)}#admin`]) }),
    () => ({ object: one(documents), relation: 'approved', user: one([...USERS, 'user:*']) }),
    () => ({ object: one(documents), relation: 'viewer', user: one([...USERS, `${one(groups)}#member`]) }),
  ];
  const tuples = new Map<string, TupleRecord>();
  for (let i = 0; i < 30; i++) {
    const tuple = one(candidates)();
    assert.equal(tupleProblem(model, tuple), undefined, JSON.stringify(tuple));
    tuples.set(`${tuple.object}#${tuple.relation}@${tuple.user}`, tuple);
  }
  return [...tuples.values()];
}

const TARGETS = [
  ['document', 'viewer', ['document:d1', 'document:d2', 'document:d3', 'document:d4', 'document:d5']],
  ['document', 'reader', ['document:d1', 'document:d2', 'document:d3', 'document:d4', 'document:d5']],
  ['document', 'editor', ['document:d1', 'document:d2', 'document:d3', 'document:d4', 'document:d5']],
  ['folder', 'viewer', ['folder:f1', 'folder:f2', 'folder:f3', 'folder:f4']],
  ['group', 'member', ['group:g1', 'group:g2', 'group:g3']],
  ['group', 'admin', ['group:g1', 'group:g2', 'group:g3']],
] as const;

describe('list-objects agrees with check', () => {
  it('on 60 random stores, for every user, userset and target relation', async () => {
    let compared = 0;
    let listed = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const reader = new InMemoryTupleReader(randomStore(seed));
      const context = { flag: seed % 2 === 0 };
      for (const user of [...USERS, 'user:*', 'group:g1#member', 'folder:f1#viewer']) {
        for (const [type, relation, objects] of TARGETS) {
          const outcome = await listObjects(model, reader, { type, relation, user, context });
          const allowed: string[] = [];
          for (const object of objects) {
            const decision = await check(model, reader, { object, relation, user, context });
            assert.notEqual(decision.decision, 'error');
            if (decision.decision === 'allow') allowed.push(object);
          }
          assert.deepEqual(
            outcome.ok && outcome.objects,
            allowed,
            `seed ${seed}: ${type}#${relation}@${user}`,
          );
          compared++;
          listed += allowed.length;
        }
      }
    }
    // The stores are dense enough that the comparison is not trivially of empty lists.
    assert.ok(listed > compared / 2, `${listed} objects listed over ${compared} comparisons`);
  });
});
