import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';
import { chromiumMissing, launchChromium } from '../../../test/support/test-chromium.ts';

describe('API docs page in a real browser', { skip: chromiumMissing }, () => {
  let server: SpawnedServer;
  let browser: Browser;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-docs-'));
  before(async () => {
    server = await spawnServer({ KEYSTONE_DATA_DIR: dataDir });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('renders the OpenAPI document under its strict CSP, running no blocked script', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
        violations.push(message.text());
    });
    await page.goto(`${server.url}/docs/`);
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    assert.match((await page.locator('.swagger-ui .info .title').textContent()) ?? '', /Keystone API/);
    assert.ok((await page.locator('.opblock').count()) >= 2, 'operations are listed');
    assert.deepEqual(
      violations.filter((v) => /script/i.test(v)),
      [],
      'no script was blocked: everything the page runs is same-origin',
    );
    await page.close();
  });
});
