import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { type SpawnedServer, spawnServer } from '../../../test/support/spawn-server.ts';

const CHROMIUM = process.env.KEYSTONE_TEST_CHROMIUM ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM}`;
if (missing && process.env.CI) throw new Error(`${missing}; CI needs it (apt-get install chromium)`);

describe('API docs page in a real browser', { skip: missing }, () => {
  let server: SpawnedServer;
  let browser: Browser;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-docs-'));
  before(async () => {
    server = await spawnServer({ KEYSTONE_DATA_DIR: dataDir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
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
