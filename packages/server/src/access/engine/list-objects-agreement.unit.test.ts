/**
 * list-objects agrees with check: over seeded random stores of a model that uses every rewrite (direct,
 * wildcard, usersets, nested groups, tuple-to-userset chains, intersection, exclusion, conditions), the
 * objects listed for a user are exactly the objects a check allows, for every user and relation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreementModel as model, randomStore, TARGETS, USERS } from './agreement-stores.ts';
import { check } from './check.ts';
import { listObjects } from './list-objects.ts';
import { InMemoryTupleReader } from './tuples.ts';

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
