import { existsSync, readFileSync } from 'node:fs';
import type { Database } from '../db/database.ts';
import { createEnvelopeEncryption, type EnvelopeEncryption } from './envelope-encryption.ts';
import { kekIdsInUse } from './kek-rotation.ts';
import { generatedKeyWarning, kekFromBase64, resolveMasterKey, writeMasterKeyFile } from './master-key.ts';

/**
 * Start-up of envelope encryption: find the master key (KEYSTONE_MASTER_KEY, else
 * `<data dir>/master.key`, else generate one there), check that it is the key
 * that wrapped the stored data keys, and only then write a generated key. So a
 * lost master.key stops the server with a clear message instead of silently
 * starting over with a key that cannot read the existing data.
 */
export type MasterKeyInfo = {
  kekId: string;
  source: 'env' | 'file' | 'generated';
  file: string | undefined;
  /** Set when the operator should act (a generated key to back up, a file key with a shared database). */
  warning: string | undefined;
};

export async function loadEnvelopeEncryption(
  database: Database,
  options: { masterKey: string | undefined; dataDir: string; databaseUrl: string | undefined },
): Promise<{ encryption: EnvelopeEncryption; masterKey: MasterKeyInfo }> {
  const resolved = resolveMasterKey(options);
  const foreign = (await kekIdsInUse(database)).filter((id) => id !== resolved.kek.id);
  if (foreign.length > 0)
    throw new Error(mismatchMessage(resolved.kek.id, resolved.source, resolved.file, foreign));
  let warning: string | undefined;
  if (resolved.source === 'generated' && resolved.file) {
    writeMasterKeyFile(resolved.file, resolved.kek);
    warning = generatedKeyWarning(resolved.file);
  } else if (resolved.source === 'file' && options.databaseUrl) {
    warning =
      `the master key comes from ${resolved.file}; with a shared DATABASE_URL every server needs the same ` +
      'key: set KEYSTONE_MASTER_KEY';
  }
  return {
    encryption: createEnvelopeEncryption(resolved.kek),
    masterKey: { kekId: resolved.kek.id, source: resolved.source, file: resolved.file, warning },
  };
}

function mismatchMessage(
  kekId: string,
  source: 'env' | 'file' | 'generated',
  file: string | undefined,
  foreign: string[],
): string {
  const where =
    source === 'env' ? 'KEYSTONE_MASTER_KEY' : source === 'file' ? file : 'no master key was found';
  let message =
    `the stored data keys are wrapped by master key ${foreign.join(', ')}, but ${where}` +
    `${source === 'generated' ? '' : ` holds ${kekId}`}; start with the master key that wrapped them`;
  const pending = file ? `${file}.new` : undefined;
  if (pending && existsSync(pending)) {
    const next = kekFromBase64(readFileSync(pending, 'utf8'), pending);
    if (foreign.includes(next.id)) {
      message += ` (an interrupted "kek rotate" left it in ${pending}: run "keystone kek rotate" again to finish)`;
    }
  }
  return message;
}
