import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openTestDatabase, type TestDatabase, testBackend } from '../../../test/support/test-database.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { readFlagSetVersion } from '../store/flag-set-version.ts';
import { type FlagChangeFeed, inProcessFlagChangeFeed } from './change-feed.ts';
import { createFlagService, type FlagService } from './flag-service.ts';
import { FlagSetCache, readSnapshot } from './flag-set-cache.ts';
import { FLAG_CHANNEL, postgresFlagChangeFeed } from './postgres-change-feed.ts';

const audit = { actor: { type: 'operator' as const, id: 'op_test' } };
const flag = (key: string, on = true) => ({
  key,
  type: 'boolean' as const,
  variants: { on: true, off: false },
  off_variant: 'off',
  environments: { production: { on, off_variant: 'off', fallthrough: { variant: 'on' } } },
});

/** Resolves with the first version the feed announces at or above `atLeast`; rejects after `ms`. */
function heard(feed: FlagChangeFeed, atLeast: number, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (feed.latest >= atLeast) return resolve(feed.latest);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`version ${atLeast} not announced within ${ms} ms (latest ${feed.latest})`));
    }, ms);
    const unsubscribe = feed.subscribe((version) => {
      if (version < atLeast) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(version);
    });
  });
}

describe('flag change feed in one process', () => {
  it('announces each committed version once, newest only, to every listener', async () => {
    const database = await openTestDatabase('pglite');
    const flags = createFlagService({ database, feed: inProcessFlagChangeFeed() });
    try {
      const seen: number[] = [];
      flags.feed.subscribe((version) => seen.push(version));
      const created = await flags.putFlag('a', flag('a'), audit);
      const killed = await flags.killFlag('a', 'production', audit);
      await flags.killFlag('a', 'production', audit);
      assert.deepEqual(seen, [created.flagSetVersion, killed.flagSetVersion]);
      flags.feed.committed(1);
      assert.deepEqual(seen.length, 2, 'an older version is not announced again');
    } finally {
      await flags.close();
      await database.close();
    }
  });
});

/**
 * Two "processes" on one PostgreSQL: two databases (pools) and two feeds, each LISTENing on its own
 * connection. A change committed through one is announced on the other within a second, and its flag
 * set there is the new one; a feed whose connection is cut reconnects and catches up.
 */
describe('flag change feed across connections on PostgreSQL', {
  skip: testBackend !== 'postgres' && 'LISTEN/NOTIFY crosses processes on the PostgreSQL pass',
}, () => {
  let database: TestDatabase;
  let other: Database;
  let one: FlagService;
  let two: FlagService;
  before(async () => {
    database = await openTestDatabase();
    other = await openDatabase({ databaseUrl: database.url as string, poolSize: 2 });
    const feedOn = async (db: Database) =>
      postgresFlagChangeFeed({
        connectionString: database.url as string,
        currentVersion: () => withInstanceTenant(db, readFlagSetVersion),
      });
    one = createFlagService({ database, feed: await feedOn(database) });
    two = createFlagService({ database: other, feed: await feedOn(other) });
  });
  after(async () => {
    await one.close();
    await two.close();
    await other.close();
    await database.close();
  });

  it('a change on one is announced on the other within 1 s, and the other serves it', async () => {
    await one.putFlag('shared', flag('shared'), audit);
    const before = await two.flagSet('production');
    assert.equal(before.flags.find((f) => f.key === 'shared')?.environments.production?.on, true);

    const killed = await one.killFlag('shared', 'production', audit);
    const version = await heard(two.feed, killed.flagSetVersion, 1_000);
    assert.equal(version, killed.flagSetVersion);
    const after = await two.flagSet('production');
    assert.equal(after.version, killed.flagSetVersion);
    assert.equal(after.flags.find((f) => f.key === 'shared')?.environments.production?.on, false);

    // And the other way round.
    const back = await two.putFlag('shared', flag('shared', true), audit);
    assert.equal(await heard(one.feed, back.flagSetVersion, 1_000), back.flagSetVersion);
  });

  it('a reader reacting to an announcement never gets a set read before that change', async () => {
    await one.putFlag('raced', flag('raced'), audit);
    await heard(two.feed, one.feed.latest, 1_000);
    // A cache on `two` whose first load is held after its (real) read until the kill is announced.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    const cache = new FlagSetCache(other, two.feed, async (db) => {
      const row = await readSnapshot(db);
      if (reads++ === 0) await held;
      return row;
    });
    const early = cache.flagSet('production');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const killed = await one.killFlag('raced', 'production', audit);
    await heard(two.feed, killed.flagSetVersion, 1_000);
    const late = cache.flagSet('production');
    release();
    const set = await late;
    assert.equal(set.version, killed.flagSetVersion);
    assert.equal(set.flags.find((f) => f.key === 'raced')?.environments.production?.on, false);
    assert.ok((await early).version < killed.flagSetVersion, 'the early read was the older set');
    assert.equal(reads, 2);
  });

  it('a NOTIFY leaves only with the commit: a refused change announces nothing', async () => {
    const latest = two.feed.latest;
    await assert.rejects(one.putFlag('broken', { ...flag('broken'), off_variant: 'missing' }, audit), {
      code: 'flag_invalid',
    });
    await assert.rejects(heard(two.feed, latest + 1, 300));
  });

  it('a feed whose LISTEN connection is cut reconnects and catches up on what it missed', async () => {
    const admin = new pg.Client({ connectionString: database.url as string });
    await admin.connect();
    try {
      const cut = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query = $1`,
        [`LISTEN ${FLAG_CHANNEL}`],
      );
      assert.ok(cut.rowCount && cut.rowCount >= 2, 'both feeds were listening');
    } finally {
      await admin.end();
    }
    // Made while two's connection may still be down: heard by the catch-up read or the NOTIFY.
    const changed = await one.putFlag('while-away', flag('while-away'), audit);
    assert.equal(await heard(two.feed, changed.flagSetVersion, 5_000), changed.flagSetVersion);
    const later = await one.killFlag('while-away', 'production', audit);
    assert.equal(await heard(two.feed, later.flagSetVersion, 1_000), later.flagSetVersion);
  });
});
