import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/platform/config/config.ts';
import { openDatabase } from '../../server/src/platform/db/database.ts';

/** Where the generated types live (committed, so the client compiles without a server). */
export const GENERATED_FILE = path.join(import.meta.dirname, '..', 'src', 'generated', 'openapi.ts');
export const GENERATED_CODES_FILE = path.join(
  import.meta.dirname,
  '..',
  'src',
  'generated',
  'error-codes.ts',
);

const HEADER = `/**
 * Generated from the Keystone server's OpenAPI document by \`npm run generate -w @keystone/sdk\`.
 * Do not edit: a test regenerates it and fails on any difference.
 */

`;

/** The server's OpenAPI document, from a server built in this process on an in-memory database. */
export async function serverOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-openapi-'));
  const config = loadConfig({ KEYSTONE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KEYSTONE_DEMO_DATA: 'false' });
  const database = await openDatabase({ dataDir: 'memory://' });
  const app = await buildApp({ config, database });
  try {
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The TypeScript the generated file must hold for this server. */
export async function generatedTypes(): Promise<string> {
  const ast = await openapiTS((await serverOpenApiDocument()) as never, { alphabetize: true });
  return HEADER + astToString(ast);
}

/** Every stable problem code the server can answer (a union type for KeystoneApiError#code), and its built-in permissions. */
export async function generatedErrorCodes(): Promise<string> {
  // The modules register their codes as the app is built.
  await serverOpenApiDocument();
  const { allErrorCodes } = await import('../../server/src/platform/errors/codes.ts');
  const codes = [...allErrorCodes().keys()].sort();
  const { BUILT_IN_PERMISSIONS } = await import('../../server/src/orgs/engine/permissions.ts');
  return `${HEADER}/** The stable \`code\` of every problem the server answers (docs/errors.md explains each). */
export type KeystoneErrorCode =
${codes.map((code) => `  | '${code}'`).join('\n')};

export const KEYSTONE_ERROR_CODES: readonly KeystoneErrorCode[] = [
${codes.map((code) => `  '${code}',`).join('\n')}
];

/** The permissions every organization has, in the server's order (instances may declare more). */
export const BUILT_IN_PERMISSIONS: readonly string[] = [
${BUILT_IN_PERMISSIONS.map((permission) => `  '${permission}',`).join('\n')}
];
`;
}
