import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  GENERATED_CODES_FILE,
  GENERATED_FILE,
  generatedErrorCodes,
  generatedTypes,
} from '../scripts/openapi-document.ts';

// The client cannot drift from the server: its types are what the server's routes generate today.
test('the generated types and error codes match the server (npm run generate -w @keystone/sdk)', async () => {
  assert.equal(
    readFileSync(GENERATED_FILE, 'utf8'),
    await generatedTypes(),
    'src/generated/openapi.ts is stale',
  );
  assert.equal(
    readFileSync(GENERATED_CODES_FILE, 'utf8'),
    await generatedErrorCodes(),
    'src/generated/error-codes.ts is stale',
  );
});
