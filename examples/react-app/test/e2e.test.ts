import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, type E2e, startE2e } from './e2e-harness.ts';

describe('the example app in Chromium against a real Keystone', { skip: chromiumMissing }, () => {
  let e2e: E2e;
  before(async () => {
    e2e = await startE2e();
  });
  after(() => e2e?.close());

  it('loads', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(e2e.appUrl);
    await page.getByRole('heading', { name: 'Keystone example' }).waitFor();
    assert.match((await page.textContent('main')) ?? '', new RegExp(e2e.keystone.url));
  });
});
