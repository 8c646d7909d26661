/** Regenerates src/generated/openapi.ts from the server's routes: `npm run generate -w @keystone/sdk`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  GENERATED_CODES_FILE,
  GENERATED_FILE,
  generatedErrorCodes,
  generatedTypes,
} from './openapi-document.ts';

mkdirSync(path.dirname(GENERATED_FILE), { recursive: true });
writeFileSync(GENERATED_FILE, await generatedTypes());
writeFileSync(GENERATED_CODES_FILE, await generatedErrorCodes());
for (const file of [GENERATED_FILE, GENERATED_CODES_FILE])
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
