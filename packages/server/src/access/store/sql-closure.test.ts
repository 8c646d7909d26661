/**
 * The SQL closure (one recursive statement) reads exactly what the in-memory reader's closure reads, on
 * seeded random stores with cycles, conditions, wildcards and usersets; it stops at its row limit; and
 * it reads nothing from another organization's scope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { withTenant } from '../../platform/db/tenant-scope.ts';
import { newId } from '../../platform/ids.ts';
import { randomStore, TARGETS, USERS } from '../engine/agreement-stores.ts';
import { closurePlan, closureUsers } from '../engine/closure-plan.ts';
import { compileModel } from '../engine/model-compiler.ts';
import { type Closure, InMemoryTupleReader, type TupleRecord } from '../engine/tuples.ts';
import { createAccessService } from '../service/access-service.ts';
import { SqlTupleReader } from './sql-tuple-reader.ts';

const audit = { actor: { type: 'system' as const, id: null } };

/** agreement-stores.ts's model. */
const MODEL = `model
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
`;

const model = compileModel(MODEL);
/** Two checked relations: the widest (reader reaches every relation of the model) and a narrow one. */
const plans = [closurePlan(model, 'document', 'reader'), closurePlan(model, 'group', 'member')];
const plan = plans[0] as (typeof plans)[number];

function sorted(closure: Closure | undefined) {
  if (!closure) return closure;
  const key = (tuple: TupleRecord) => `${tuple.object}#${tuple.relation}@${tuple.user}`;
  return {
    objects: [...closure.objects].sort(),
    tuples: [...closure.tuples].sort((a, b) => key(a).localeCompare(key(b))),
  };
}

describe('SQL check closure', () => {
  let database: TestDatabase;
  const orgId = newId('org');
  const stores: Array<{ id: string; tuples: TupleRecord[] }> = [];

  before(async () => {
    database = await openTestDatabase();
    const service = createAccessService({ database });
    for (let seed = 1; seed <= 12; seed++) {
      const id = (await service.createStore(orgId, `closure ${seed}`, audit)).id;
      await service.writeModel(orgId, id, MODEL, audit);
      const tuples = randomStore(seed).map((tuple) =>
        tuple.condition
          ? { ...tuple, condition: { name: 'open', context: { flag: seed % 2 === 0 } } }
          : tuple,
      );
      await service.writeTuples(orgId, id, { writes: tuples });
      stores.push({ id, tuples });
    }
  });
  after(async () => {
    await database.close();
  });

  it('reads what the in-memory closure reads, for every object and user', async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const store of stores) {
      const memory = new InMemoryTupleReader(store.tuples);
      const objects = [...new Set(TARGETS.flatMap(([, , list]) => list))];
      await withTenant(database, orgId, async (scope) => {
        const sql = new SqlTupleReader(scope, store.id);
        for (const user of [...USERS, 'user:*', 'group:g1#member', 'folder:f1#viewer']) {
          for (const object of objects) {
            for (const plan of plans) {
              const query = { object, users: closureUsers(user), plan, limit: 1000 };
              const expected = sorted(await memory.readClosure(query));
              assert.deepEqual(sorted(await sql.readClosure(query)), expected, `${object} for ${user}`);
              compared++;
              if ((expected?.tuples.length ?? 0) > 0) nonEmpty++;
            }
          }
        }
      });
    }
    assert.ok(nonEmpty > compared / 3, `${nonEmpty} of ${compared} closures hold tuples`);
  });

  it('gives no closure past its row limit, and nothing from another organization', async () => {
    const store = stores.find((candidate) => candidate.tuples.length >= 20);
    assert.ok(store);
    const query = { object: 'document:d1', users: closureUsers('user:a'), plan, limit: 1000 };
    const [full, limited, foreign] = await Promise.all([
      withTenant(database, orgId, (scope) => new SqlTupleReader(scope, store.id).readClosure(query)),
      withTenant(database, orgId, (scope) =>
        new SqlTupleReader(scope, store.id).readClosure({ ...query, limit: 1 }),
      ),
      withTenant(database, newId('org'), (scope) => new SqlTupleReader(scope, store.id).readClosure(query)),
    ]);
    assert.ok(full && full.objects.length + full.tuples.length > 1);
    assert.equal(limited, undefined);
    assert.deepEqual(foreign, { objects: ['document:d1'], tuples: [] });
  });
});
