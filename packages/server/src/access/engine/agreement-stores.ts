/**
 * Seeded random stores for the agreement tests (list-objects and list-users against check): a model
 * with every rewrite, and stores of 30 tuples that fit it.
 */
import assert from 'node:assert/strict';
import { compileModel } from './model-compiler.ts';
import { tupleProblem } from './tuple-validation.ts';
import type { TupleRecord } from './tuples.ts';

export const agreementModel = compileModel(`model
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

export const USERS = ['user:a', 'user:b', 'user:c', 'user:d'];

/**
 * `acyclic`: group and folder links only point to a higher-numbered group or folder, so no userset
 * path loops (where OpenFGA's own check and list-users part ways: a cycle met below an exclusion's
 * tuple-to-userset denies in a check but not in list-users).
 */
export function randomStore(seed: number, options: { acyclic?: boolean } = {}): TupleRecord[] {
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
    if (options.acyclic && loops(tuple)) continue;
    assert.equal(tupleProblem(agreementModel, tuple), undefined, JSON.stringify(tuple));
    tuples.set(`${tuple.object}#${tuple.relation}@${tuple.user}`, tuple);
  }
  return [...tuples.values()];
}

/** A link from a group or folder to one with the same or a lower number (types share numbering). */
function loops(tuple: TupleRecord): boolean {
  const from = /^(group|folder):[a-z](\d)$/.exec(tuple.object);
  const to = /^(group|folder):[a-z](\d)(#.*)?$/.exec(tuple.user);
  return from !== null && to !== null && from[1] === to[1] && Number(to[2]) <= Number(from[2]);
}

export const TARGETS = [
  ['document', 'viewer', ['document:d1', 'document:d2', 'document:d3', 'document:d4', 'document:d5']],
  ['document', 'reader', ['document:d1', 'document:d2', 'document:d3', 'document:d4', 'document:d5']],
  ['document', 'editor', ['document:d1', 'document:d2', 'document:d3', 'document:d4', 'document:d5']],
  ['folder', 'viewer', ['folder:f1', 'folder:f2', 'folder:f3', 'folder:f4']],
  ['group', 'member', ['group:g1', 'group:g2', 'group:g3']],
  ['group', 'admin', ['group:g1', 'group:g2', 'group:g3']],
] as const;
