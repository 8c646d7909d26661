import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { startKeystone, type TestKeystone } from '../../../packages/react/test/keystone-server.ts';
import { launchChromium } from '../../../packages/server/test/support/test-chromium.ts';

export { chromiumMissing } from '../../../packages/server/test/support/test-chromium.ts';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Everything the walk needs, all real: a Keystone server process with an SMTP
 * listener, the example app served by Vite, a publishable key for the app's
 * origin, and Chromium.
 */
export type E2e = {
  keystone: TestKeystone;
  /** The app's origin, e.g. http://127.0.0.1:41234. */
  appUrl: string;
  publishableKey: string;
  browser: Browser;
  close(): Promise<void>;
};

export async function startE2e(): Promise<E2e> {
  // The app's origin must be known before Keystone starts (invitation links point at
  // its accept page) and before the key is made (its allowed_origins), so the port is
  // picked first.
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const keystone = await startKeystone({
    KEYSTONE_REQUIRE_EMAIL_VERIFICATION: 'true',
    KEYSTONE_INVITATION_URL: `${appUrl}/invitations/accept`,
  });
  let vite: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    const publishableKey = await createPublishableKey(keystone, appUrl);
    // What a developer puts in .env.local, given as the environment of the dev server.
    process.env.VITE_KEYSTONE_URL = keystone.url;
    process.env.VITE_KEYSTONE_PUBLISHABLE_KEY = publishableKey;
    vite = await createViteServer({
      root: appRoot,
      configFile: path.join(appRoot, 'vite.config.ts'),
      // No file watching or hot reload: an edit elsewhere in the tree must not reload a page mid-walk.
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
      logLevel: 'warn',
      clearScreen: false,
    });
    await vite.listen();
    browser = await launchChromium();
    const started = { vite, browser };
    return {
      keystone,
      appUrl,
      publishableKey,
      browser,
      async close() {
        await started.browser.close();
        await started.vite.close();
        await keystone.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await vite?.close();
    await keystone.stop();
    throw error;
  }
}

/** POST /v1/api-keys with the operator key: a publishable key the app's origin may use. */
async function createPublishableKey(keystone: TestKeystone, origin: string): Promise<string> {
  const response = await fetch(`${keystone.url}/v1/api-keys`, {
    method: 'POST',
    headers: { ...keystone.operator, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'example app',
      kind: 'publishable',
      environment: 'test',
      scopes: ['flags:evaluate'],
      flags_environment: 'development',
      allowed_origins: [origin],
    }),
  });
  const body = (await response.json()) as { secret?: string };
  if (response.status !== 201 || !body.secret) {
    throw new Error(`publishable key: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.secret;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createHttpServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
