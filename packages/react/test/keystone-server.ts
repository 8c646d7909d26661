import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueSecret } from '../../server/src/platform/crypto/secret-hash.ts';
import { type SpawnedServer, spawnServer } from '../../server/test/support/spawn-server.ts';
import { startTestSmtp, type TestSmtp } from '../../server/test/support/test-smtp.ts';

/**
 * A real Keystone server for component tests: its own process (so jsdom never
 * loads server code), a fresh embedded database, mail to an in-process SMTP
 * listener the test reads, and a known operator key for setting things up.
 */
export type TestKeystone = {
  url: string;
  smtp: TestSmtp;
  /** Headers that authenticate as the operator (setup only; components never see them). */
  operator: { 'x-keystone-key': string };
  stop(): Promise<void>;
};

export async function startKeystone(env: Record<string, string> = {}): Promise<TestKeystone> {
  const smtp = await startTestSmtp();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keystone-react-'));
  const operatorKey = issueSecret('ks_operator').plaintext;
  let server: SpawnedServer;
  try {
    server = await spawnServer({
      KEYSTONE_DATA_DIR: dataDir,
      KEYSTONE_OPERATOR_KEY: operatorKey,
      KEYSTONE_DEMO_DATA: 'false',
      SMTP_URL: smtp.url,
      // Tests sign in many users from one address.
      KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: '1000',
      KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '100000',
      ...env,
    });
  } catch (error) {
    await smtp.close();
    throw error;
  }
  return {
    url: server.url,
    smtp,
    operator: { 'x-keystone-key': operatorKey },
    async stop() {
      await server.stop();
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The code in a Keystone mail (verification, sign-in, reset): its first run of six or more digits. */
export function mailedCode(text: string): string {
  const match = /\b(\d{6,})\b/.exec(text);
  if (!match?.[1]) throw new Error(`no code in: ${text}`);
  return match[1];
}
