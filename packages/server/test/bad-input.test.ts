import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newSignedInUser } from './support/identity-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Every route of the OpenAPI document, with malformed path parameters, query
 * strings and bodies, as an operator, a signed-in user and nobody: the answer
 * is never a 5xx, and every error is a problem+json document with a code.
 */
const VALUES = ['x', 'org_00000000000000000000000000', 'a'.repeat(300)];
const BODIES = [undefined, '{"unexpected":1}', '{bad', '[]'];

describe('bad input on every route', () => {
  let t: TestApp;
  let userToken: string;
  before(async () => {
    t = await startTestApp();
    userToken = (await newSignedInUser(t.app)).access_token;
  });
  after(() => t.close());

  it('never answers 5xx, and every error is problem+json with a stable code', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const faults: string[] = [];
    let requests = 0;
    for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(operations).filter((m) =>
        ['get', 'post', 'put', 'patch', 'delete'].includes(m),
      )) {
        for (const value of VALUES) {
          const url = `${path.replace(/\{[^}]+\}/g, encodeURIComponent(value))}?q=${encodeURIComponent(value)}&limit=-1`;
          for (const credential of [t.operator, { authorization: `Bearer ${userToken}` }, {}]) {
            for (const body of method === 'get' ? [undefined] : BODIES) {
              const res = await t.app.inject({
                method: method.toUpperCase() as 'GET',
                url,
                headers: { ...credential, ...(body ? { 'content-type': 'application/json' } : {}) },
                ...(body ? { payload: body } : {}),
              });
              requests++;
              const where = `${res.statusCode} ${method.toUpperCase()} ${url.slice(0, 80)} ${body ?? ''}`;
              if (res.statusCode >= 500) faults.push(`${where}: ${res.body.slice(0, 200)}`);
              else if (res.statusCode >= 400) {
                const type = String(res.headers['content-type'] ?? '');
                // The emailed-link pages answer their errors as HTML pages, on purpose.
                if (type.startsWith('text/html') && path.startsWith('/v1/auth/email-links/')) continue;
                if (!type.startsWith('application/problem+json')) faults.push(`${where}: ${type}`);
                else if (typeof res.json().code !== 'string') faults.push(`${where}: no code`);
              }
            }
          }
        }
      }
    }
    assert.ok(requests > 500, `walked ${requests} requests`);
    assert.deepEqual(faults, []);
  });
});
