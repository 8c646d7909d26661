/**
 * OpenFGA's conformance suites through Keystone's HTTP API, driven by OpenFGA's own SDK as their
 * harness drives an OpenFGA server: each test gets a store, each stage's DSL model is turned into JSON
 * and written, its tuples written 100 at a time, and every assertion is a request to /fga.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FgaApiError } from '@openfga/sdk';
import { transformer } from '@openfga/syntax-transformer';
import { type FgaServer, openFgaClient, startFgaServer } from '../../../test/support/fga-client.ts';
import type { CheckOutcome } from '../engine/check.ts';
import { type EngineFailureKind, openFgaErrorCode } from '../engine/engine-error.ts';
import { type ConformanceTarget, type ListAnswer, runConformance } from '../engine/openfga-conformance.ts';

const directory = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../../shared/conformance/openfga',
);
const present = fs.existsSync(directory);

/** Every assertion of both suites passes (checks, list-objects, list-users); the floors are the totals. */
const suites = [
  { file: 'consolidated_1_1_tests.yaml', floor: 360 },
  { file: 'abac_tests.yaml', floor: 125 },
];

/** The engine failure an OpenFGA error code stands for, so the runner compares OpenFGA's numbers. */
const KIND_OF_CODE: Record<string, EngineFailureKind> = {
  validation_error: 'invalid_request',
  authorization_model_resolution_too_complex: 'depth_exceeded',
  invalid_tuple: 'invalid_contextual_tuple',
  deadline_exceeded: 'deadline_exceeded',
  internal_error: 'storage_error',
  type_not_found: 'type_not_found',
  relation_not_found: 'relation_not_found',
};

function kindOf(error: FgaApiError): EngineFailureKind {
  return (
    KIND_OF_CODE[(error as FgaApiError & { apiErrorCode?: string }).apiErrorCode ?? ''] ?? 'storage_error'
  );
}

/** A refused list as the runner reads it: OpenFGA's numeric code. */
function listRefusal(error: unknown): ListAnswer {
  if (!(error instanceof FgaApiError)) throw error;
  return { errorCode: openFgaErrorCode(kindOf(error)), message: refusalReason(error) };
}

function refusalReason(error: unknown): string {
  if (error instanceof FgaApiError) {
    const body = error as FgaApiError & { apiErrorMessage?: string; apiErrorCode?: string };
    return `${body.apiErrorCode}: ${body.apiErrorMessage}`;
  }
  throw error;
}

function httpTarget(server: FgaServer): ConformanceTarget {
  const admin = openFgaClient(server.apiUrl, server.org.key);
  return {
    async newStore() {
      const store = await admin.createStore({ name: 'conformance' });
      const fga = openFgaClient(server.apiUrl, server.org.key, store.id);
      let modelId: string | undefined;
      return {
        async writeModel(dsl) {
          modelId = undefined;
          let json: unknown;
          try {
            json = transformer.transformDSLToJSONObject(dsl);
          } catch (error) {
            return `DSL does not parse: ${String(error)}`;
          }
          try {
            modelId = (await fga.writeAuthorizationModel(json as never)).authorization_model_id;
            return undefined;
          } catch (error) {
            return refusalReason(error);
          }
        },
        async writeTuples(tuples) {
          try {
            for (let start = 0; start < tuples.length; start += 100) {
              await fga.writeTuples(tuples.slice(start, start + 100) as never, {
                ...(modelId ? { authorizationModelId: modelId } : {}),
              });
            }
            return undefined;
          } catch (error) {
            return refusalReason(error);
          }
        },
        async check(request): Promise<CheckOutcome> {
          try {
            const answer = await fga.check(
              {
                user: request.user,
                relation: request.relation,
                object: request.object,
                ...(request.context ? { context: request.context } : {}),
                ...(request.contextualTuples ? { contextualTuples: request.contextualTuples as never } : {}),
              },
              { ...(modelId ? { authorizationModelId: modelId } : {}) },
            );
            return { decision: answer.allowed ? 'allow' : 'deny' };
          } catch (error) {
            if (!(error instanceof FgaApiError)) throw error;
            return { decision: 'error', kind: kindOf(error), message: refusalReason(error) };
          }
        },
        async listObjects(request): Promise<ListAnswer> {
          try {
            const answer = await fga.listObjects(
              {
                user: request.user,
                relation: request.relation,
                type: request.type,
                ...(request.context ? { context: request.context } : {}),
                ...(request.contextualTuples ? { contextualTuples: request.contextualTuples as never } : {}),
              },
              { ...(modelId ? { authorizationModelId: modelId } : {}) },
            );
            return { items: answer.objects };
          } catch (error) {
            return listRefusal(error);
          }
        },
        async listUsers(request): Promise<ListAnswer> {
          const colon = request.object.indexOf(':');
          try {
            const answer = await fga.listUsers(
              {
                object: { type: request.object.slice(0, colon), id: request.object.slice(colon + 1) },
                relation: request.relation,
                user_filters: request.userFilters.map((filter) => ({ ...filter })),
                ...(request.context ? { context: request.context } : {}),
                ...(request.contextualTuples ? { contextualTuples: request.contextualTuples as never } : {}),
              },
              { ...(modelId ? { authorizationModelId: modelId } : {}) },
            );
            return {
              items: answer.users.map((user) => {
                if (user.object) return `${user.object.type}:${user.object.id}`;
                if (user.userset) return `${user.userset.type}:${user.userset.id}#${user.userset.relation}`;
                return `${user.wildcard?.type}:*`;
              }),
            };
          } catch (error) {
            return listRefusal(error);
          }
        },
      };
    },
  };
}

describe('OpenFGA conformance through the /fga HTTP API and OpenFGA’s SDK', () => {
  let server: FgaServer;

  before(async () => {
    server = await startFgaServer();
  });
  after(async () => {
    await server?.close();
  });

  for (const { file, floor } of suites) {
    it(`${file}: every check, list-objects and list-users assertion passes over HTTP`, {
      skip: present ? false : `${directory} is absent`,
    }, async () => {
      const report = await runConformance(path.join(directory, file), httpTarget(server));
      process.stdout.write(
        `${file} over HTTP: checks ${report.passed}/${report.total}, list-objects ${report.listObjects.passed}/${report.listObjects.total}, list-users ${report.listUsers.passed}/${report.listUsers.total}\n`,
      );
      for (const failure of report.failures) process.stdout.write(`  FAIL ${failure}\n`);
      assert.ok(report.passed >= floor, `${report.passed} passing is below the floor of ${floor}`);
      assert.deepEqual(report.failures, []);
      assert.equal(report.skippedListAssertions, 0);
    });
  }
});
