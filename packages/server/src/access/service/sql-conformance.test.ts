/**
 * OpenFGA's conformance suites end to end through the SQL store: each test gets its own store, each
 * stage's model and tuples are written through the access service, and every assertion is a service
 * check, list-objects or list-users (the SQL reader in one tenant transaction). Same floors as the
 * engine alone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { newId } from '../../platform/ids.ts';
import { userText } from '../engine/list-users.ts';
import { type ConformanceTarget, refusal, runConformance } from '../engine/openfga-conformance.ts';
import { AccessError } from './access-error.ts';
import { type AccessService, createAccessService } from './access-service.ts';
import { MAX_TUPLES_PER_WRITE } from './tuple-writes.ts';

const audit = { actor: { type: 'system' as const, id: null } };

const directory = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../../shared/conformance/openfga',
);
const present = fs.existsSync(directory);

const suites = [
  { file: 'consolidated_1_1_tests.yaml', floor: { check: 360, listObjects: 270, listUsers: 295 } },
  { file: 'abac_tests.yaml', floor: { check: 125, listObjects: 75, listUsers: 91 } },
];

function sqlTarget(service: AccessService, orgId: string): ConformanceTarget {
  return {
    async newStore() {
      const store = await service.createStore(orgId, 'conformance', audit);
      return {
        async writeModel(dsl) {
          try {
            await service.writeModel(orgId, store.id, dsl, audit);
            return undefined;
          } catch (error) {
            if (error instanceof AccessError) return error.message;
            throw error;
          }
        },
        async writeTuples(tuples) {
          try {
            for (let start = 0; start < tuples.length; start += MAX_TUPLES_PER_WRITE) {
              const writes = tuples.slice(start, start + MAX_TUPLES_PER_WRITE);
              await service.writeTuples(orgId, store.id, { writes });
            }
            return undefined;
          } catch (error) {
            if (error instanceof AccessError) return error.message;
            throw error;
          }
        },
        check(request) {
          return service.check(orgId, store.id, request);
        },
        async listObjects(request) {
          const outcome = await service.listObjects(orgId, store.id, request);
          return outcome.ok ? { items: outcome.objects } : refusal(outcome);
        },
        async listUsers(request) {
          const outcome = await service.listUsers(orgId, store.id, request);
          return outcome.ok ? { items: outcome.users.map(userText) } : refusal(outcome);
        },
      };
    },
  };
}

describe('OpenFGA conformance: check and list assertions through the SQL store and the access service', () => {
  let database: TestDatabase;
  let service: AccessService;

  before(async () => {
    database = await openTestDatabase();
    service = createAccessService({ database });
  });
  after(async () => {
    await database.close();
  });

  for (const { file, floor } of suites) {
    it(`${file}: check, list-objects and list-users assertions pass through SQL, at least the floors`, {
      skip: present ? false : `${directory} is absent`,
    }, async () => {
      const report = await runConformance(path.join(directory, file), sqlTarget(service, newId('org')));
      process.stdout.write(
        `${file} through SQL: check ${report.passed}/${report.total}, list-objects ${report.listObjects.passed}/${report.listObjects.total}, list-users ${report.listUsers.passed}/${report.listUsers.total}\n`,
      );
      for (const failure of report.failures) process.stdout.write(`  FAIL ${failure}\n`);
      assert.ok(report.passed >= floor.check, `check: ${report.passed} passing is below ${floor.check}`);
      assert.ok(
        report.listObjects.passed >= floor.listObjects,
        `list-objects: ${report.listObjects.passed} passing is below ${floor.listObjects}`,
      );
      assert.ok(
        report.listUsers.passed >= floor.listUsers,
        `list-users: ${report.listUsers.passed} passing is below ${floor.listUsers}`,
      );
    });
  }
});
