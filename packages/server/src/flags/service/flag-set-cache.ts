/**
 * The flag set per environment, for the evaluation side (remote evaluation, OFREP, the SDK's download):
 * read from the database once per flag-set version (one statement, so the version labels exactly its
 * content) and kept in memory until the change feed announces a newer one. Concurrent readers share
 * one load.
 */
import type { EnvironmentConfig, FlagDefinition, FlagSet, SegmentDefinition } from '@keystone/flags';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { type FlagSetSnapshotRow, readFlagSetSnapshot } from '../store/flag-set-snapshot.ts';
import type { FlagChangeFeed } from './change-feed.ts';

type Snapshot = {
  version: number;
  environments: ReadonlySet<string>;
  flags: readonly FlagDefinition[];
  segments: readonly SegmentDefinition[];
  /** FlagSets made from this snapshot, by environment. */
  sets: Map<string, FlagSet>;
};

export class FlagSetCache {
  readonly #database: Database;
  readonly #feed: FlagChangeFeed;
  #snapshot: Snapshot | undefined;
  #loading: Promise<Snapshot> | undefined;
  /** Loads from the database (tests count them). */
  loads = 0;

  readonly #read: (database: Database) => Promise<FlagSetSnapshotRow>;

  /** `read` is the database read (tests wrap it to hold a load between its read and its answer). */
  constructor(
    database: Database,
    feed: FlagChangeFeed,
    read: (database: Database) => Promise<FlagSetSnapshotRow> = readSnapshot,
  ) {
    this.#database = database;
    this.#feed = feed;
    this.#read = read;
  }

  /** The environment's flag set at the newest version this process has heard of. */
  async flagSet(environment: string): Promise<FlagSet> {
    const snapshot = await this.#current();
    if (!snapshot.environments.has(environment)) {
      throw new AppError('environment_not_found', { detail: `no flag environment '${environment}'` });
    }
    let set = snapshot.sets.get(environment);
    if (!set) {
      set = {
        environment,
        version: snapshot.version,
        flags: snapshot.flags.map((flag) => onlyEnvironment(flag, environment)),
        segments: snapshot.segments,
      };
      snapshot.sets.set(environment, set);
    }
    return set;
  }

  /**
   * A snapshot at least as new as the newest version heard when called. A load already under way may
   * have read the database before that version committed (a listener reacting to the announcement
   * joins it): then load again.
   */
  async #current(): Promise<Snapshot> {
    const wanted = this.#feed.latest;
    for (let attempt = 0; ; attempt++) {
      const snapshot = this.#snapshot;
      if (snapshot && snapshot.version >= wanted) return snapshot;
      if (!this.#loading) {
        this.#loading = this.#load().finally(() => {
          this.#loading = undefined;
        });
      }
      const loaded = await this.#loading;
      if (loaded.version >= wanted || attempt >= 2) return loaded;
    }
  }

  async #load(): Promise<Snapshot> {
    this.loads += 1;
    const row = await this.#read(this.#database);
    const snapshot: Snapshot = {
      version: row.version,
      environments: new Set(row.environments),
      flags: row.flags,
      segments: row.segments,
      sets: new Map<string, FlagSet>(),
    };
    // The feed may be behind (a change made by a process whose NOTIFY has not arrived): catch it up.
    this.#feed.committed(snapshot.version);
    if (!this.#snapshot || snapshot.version >= this.#snapshot.version) this.#snapshot = snapshot;
    return snapshot;
  }
}

export function readSnapshot(database: Database): Promise<FlagSetSnapshotRow> {
  return withInstanceTenant(database, readFlagSetSnapshot);
}

/** A flag as one environment's SDK sees it: other environments' configurations left out. */
function onlyEnvironment(flag: FlagDefinition, environment: string): FlagDefinition {
  const config: EnvironmentConfig | undefined = flag.environments[environment];
  return { ...flag, environments: config ? { [environment]: config } : {} };
}
