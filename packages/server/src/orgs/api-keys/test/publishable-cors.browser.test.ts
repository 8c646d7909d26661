import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { chromiumMissing, launchChromium } from '../../../../test/support/test-chromium.ts';
import { createKey } from './api-key-fixtures.ts';
import { publishableProbe } from './publishable-probe.ts';

/** A customer's web app: a page on its own origin (another port), nothing configured on the server. */
function startCustomerSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>customer app</title><p>customer app</p>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

type FetchResult = { ok: true; status: number; body: string } | { ok: false; error: string };

describe('a browser app calls a publishable route with its key', { skip: chromiumMissing }, () => {
  let t: TestApp;
  let browser: Browser;
  let api: string;
  const sites: Server[] = [];
  before(async () => {
    t = await startTestApp({ plugins: [publishableProbe] });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const site of sites) await new Promise((resolve) => site.close(resolve));
    await t?.close();
  });

  /** Opens the site and runs fetch in the page, as the customer's code would. */
  async function fetchFrom(origin: string, key: string): Promise<FetchResult> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ([url, secret]) => {
          try {
            // The custom header makes this a preflighted request.
            const res = await fetch(url as string, { headers: { 'X-Keystone-Key': secret as string } });
            return { ok: true as const, status: res.status, body: await res.text() };
          } catch (error) {
            return { ok: false as const, error: String(error) };
          }
        },
        [`${api}/probe/publishable`, key],
      );
    } finally {
      await page.close();
    }
  }

  it('from an origin the key allows: preflight and request pass; from another origin the browser blocks it', async () => {
    const customer = await startCustomerSite();
    const stranger = await startCustomerSite();
    sites.push(customer.server, stranger.server);
    const key = await createKey(t.app, '/v1/api-keys', t.operator, {
      name: 'customer web app',
      kind: 'publishable',
      scopes: ['flags:evaluate'],
      flags_environment: 'development',
      allowed_origins: [customer.origin],
    });
    const allowed = await fetchFrom(customer.origin, key.secret);
    assert.deepEqual(allowed, { ok: true, status: 200, body: JSON.stringify({ key_id: key.id }) });
    const blocked = await fetchFrom(stranger.origin, key.secret);
    assert.equal(blocked.ok, false, JSON.stringify(blocked));

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${key.id}`,
      headers: t.operator,
    });
    assert.equal(revoked.statusCode, 204);
    // A fresh browser context has no cached preflight: the origin is no longer allowed.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${customer.origin}/`);
    const after = await page.evaluate(async (url) => {
      try {
        await fetch(url, { headers: { 'X-Keystone-Key': 'pk_live_x' } });
        return 'fetched';
      } catch {
        return 'blocked';
      }
    }, `${api}/probe/publishable`);
    assert.equal(after, 'blocked');
    await context.close();
  });
});
