import { readFileSync } from 'node:fs';

/** The server package's version, shown in the OpenAPI document and the start banner. */
export const KEYSTONE_VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;
