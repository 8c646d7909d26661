import { existsSync, readFileSync, renameSync } from 'node:fs';
import { rewrapAllDataKeys } from '../platform/crypto/kek-rotation.ts';
import {
  generateKek,
  type KeyEncryptionKey,
  kekFromBase64,
  resolveMasterKey,
  writeMasterKeyFile,
} from '../platform/crypto/master-key.ts';
import type { CliCommand } from './command.ts';
import { openCliDatabase } from './open-database.ts';

/**
 * `keystone kek rotate [--new-key-file <file>]`: re-wraps every organization's
 * data keys under a new master key, in one transaction, leaving ciphertexts as
 * they are. Run it with the servers stopped, then start them with the new key.
 *
 * The current key is the one the server would use (KEYSTONE_MASTER_KEY, else
 * `<data dir>/master.key`). The new key comes from `--new-key-file`, else
 * KEYSTONE_NEW_MASTER_KEY, else (master.key mode only) it is generated. In
 * master.key mode the new key is first written to `master.key.new`, then
 * replaces master.key once the database has committed; an interrupted run is
 * finished by running the command again (it picks up master.key.new).
 */
export const kekRotateCommand: CliCommand = {
  name: ['kek', 'rotate'],
  summary: 're-wrap all data keys under a new master key (--new-key-file <file>)',
  run: (args, context) => runKekRotate(args, context, process.env),
};

export async function runKekRotate(
  args: string[],
  { config, out }: Parameters<CliCommand['run']>[1],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const options = parseArgs(args);
  const current = resolveMasterKey({ masterKey: config.masterKey, dataDir: config.dataDir });
  if (current.source === 'generated') {
    throw new Error(
      `no master key to rotate: KEYSTONE_MASTER_KEY is unset and ${current.file} does not exist`,
    );
  }
  const pending = current.source === 'file' ? `${current.file}.new` : undefined;
  const next = newKey(options.newKeyFile, env.KEYSTONE_NEW_MASTER_KEY, pending);
  if (pending && next.origin !== 'pending') writeMasterKeyFile(pending, next.kek);

  const database = await openCliDatabase(config);
  let result: Awaited<ReturnType<typeof rewrapAllDataKeys>>;
  try {
    result = await rewrapAllDataKeys(database, current.kek, next.kek);
  } finally {
    await database.close();
  }
  out(
    `re-wrapped ${result.rewrapped} data keys of ${result.organizations} organizations ` +
      `from master key ${current.kek.id} to ${next.kek.id}` +
      (result.alreadyRewrapped ? ` (${result.alreadyRewrapped} already were)` : ''),
  );
  if (pending && current.file) {
    renameSync(pending, current.file);
    out(`${current.file} now holds the new master key ${next.kek.id}; back it up`);
  } else {
    out(`now set KEYSTONE_MASTER_KEY to the new key (${next.kek.id}) on every server and restart them`);
  }
  out(`keep the old master key ${current.kek.id} as long as you keep database backups taken before now`);
  return 0;
}

function parseArgs(args: string[]): { newKeyFile: string | undefined } {
  let newKeyFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--new-key-file' && args[i + 1]) newKeyFile = args[++i];
    else throw new Error(`unknown argument ${args[i]}; usage: keystone kek rotate [--new-key-file <file>]`);
  }
  return { newKeyFile };
}

function newKey(
  file: string | undefined,
  fromEnv: string | undefined,
  pending: string | undefined,
): { kek: KeyEncryptionKey; origin: 'file' | 'env' | 'pending' | 'generated' } {
  if (file) return { kek: kekFromBase64(readFileSync(file, 'utf8'), file), origin: 'file' };
  if (fromEnv) return { kek: kekFromBase64(fromEnv, 'KEYSTONE_NEW_MASTER_KEY'), origin: 'env' };
  if (pending && existsSync(pending)) {
    return { kek: kekFromBase64(readFileSync(pending, 'utf8'), pending), origin: 'pending' };
  }
  if (pending) return { kek: generateKek(), origin: 'generated' };
  throw new Error(
    'KEYSTONE_MASTER_KEY is set: give the new key with --new-key-file <file> or KEYSTONE_NEW_MASTER_KEY ' +
      '(32 random bytes, base64: openssl rand -base64 32)',
  );
}
