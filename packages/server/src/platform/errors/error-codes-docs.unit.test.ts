import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import '../../app.ts';
import { allErrorCodes } from './codes.ts';

/** docs/errors.md lists every code the API can answer with, with the same status. */
describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../../../../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Map<string, number>();
  for (const match of doc.matchAll(/^\|\s*`([a-z0-9_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
    documented.set(match[1] as string, Number(match[2]));
  }

  it('documents every registered code with its status', () => {
    for (const [code, info] of allErrorCodes()) {
      assert.equal(documented.get(code), info.status, `docs/errors.md lists ${code} as ${info.status}`);
    }
  });

  it('documents no code the server does not have', () => {
    for (const code of documented.keys()) assert.ok(allErrorCodes().has(code), `${code} is a real code`);
  });
});
