/**
 * list-users agrees with check where OpenFGA's list-users is exact: over seeded random stores without
 * cycles (the model of list-objects-agreement), every user listed is allowed by a check, and every user
 * a check allows is listed, or covered by the listed wildcard.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreementModel, randomStore, TARGETS, USERS } from './agreement-stores.ts';
import { check } from './check.ts';
import { listUsers, userText } from './list-users.ts';
import { InMemoryTupleReader } from './tuples.ts';

describe('list-users agrees with check', () => {
  it('on 60 random stores, for every object and relation', async () => {
    let compared = 0;
    let listed = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const reader = new InMemoryTupleReader(randomStore(seed, { acyclic: true }));
      const context = { flag: seed % 2 === 0 };
      for (const [, relation, objects] of TARGETS) {
        for (const object of objects) {
          const outcome = await listUsers(agreementModel, reader, {
            object,
            relation,
            userFilters: [{ type: 'user' }],
            context,
          });
          assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
          const users = outcome.users.map(userText);
          const where = `seed ${seed}: ${object}#${relation} listed [${users}]`;
          for (const user of USERS) {
            const decision = await check(agreementModel, reader, { object, relation, user, context });
            assert.notEqual(decision.decision, 'error');
            const allowed = decision.decision === 'allow';
            if (users.includes(user)) assert.ok(allowed, `${where}: ${user} listed, check denies`);
            if (allowed)
              assert.ok(users.includes(user) || users.includes('user:*'), `${where}: ${user} allowed`);
            compared++;
          }
          listed += users.length;
        }
      }
    }
    assert.ok(listed > compared / 10, `${listed} users listed over ${compared} comparisons`);
  });
});
