import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { ensureOperatorKey } from './operator-keys.ts';

describe('the first-start operator key', () => {
  it('servers starting together on one fresh database make exactly one (the others find it)', async () => {
    const fresh = await openTestDatabase();
    const dataDirs = Array.from({ length: 6 }, () => mkdtempSync(path.join(os.tmpdir(), 'keystone-opk-')));
    try {
      // On PostgreSQL these run on separate pool connections, as separate processes would.
      const starts = await Promise.all(
        dataDirs.map((dataDir) => ensureOperatorKey(fresh, { dataDir, fromEnv: undefined })),
      );
      // Only the start that made it holds it in clear; the others' data directories have no copy.
      assert.deepEqual(starts.map((start) => start.source).sort(), [
        'created',
        'none',
        'none',
        'none',
        'none',
        'none',
      ]);
      const rows = await fresh.kysely.selectFrom('operator_keys').select('id').execute();
      assert.equal(rows.length, 1);
    } finally {
      await fresh.close();
      for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
