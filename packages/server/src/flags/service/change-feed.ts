/**
 * How a flag change reaches every server process: each change raises the instance's flag-set version,
 * and the feed announces that version. On PostgreSQL the change's transaction sends a NOTIFY (delivered
 * at commit, to every process LISTENing on the channel); on PGlite there is one process, and announcing
 * to it after the commit is enough.
 */
import type { TenantScope } from '../../platform/db/tenant-scope.ts';

export type FlagChangeListener = (flagSetVersion: number) => void;

export interface FlagChangeFeed {
  /** Inside the change's transaction, once the new version is known. */
  announceInTransaction(scope: TenantScope, flagSetVersion: number): Promise<void>;
  /** After the change committed: this process's listeners hear of it at once. */
  committed(flagSetVersion: number): void;
  /** Each version newer than any heard before, once, in increasing order. Returns an unsubscribe. */
  subscribe(listener: FlagChangeListener): () => void;
  /** The newest version this process has heard of (0 before any). */
  readonly latest: number;
  close(): Promise<void>;
}

/**
 * The listeners and the newest version: versions arrive from commits here and NOTIFYs from elsewhere,
 * possibly twice or out of order; listeners hear only versions newer than the newest.
 */
export class FlagVersionAnnouncer {
  #latest = 0;
  readonly #listeners = new Set<FlagChangeListener>();

  get latest(): number {
    return this.#latest;
  }

  heard(version: number): void {
    if (!Number.isSafeInteger(version) || version <= this.#latest) return;
    this.#latest = version;
    for (const listener of this.#listeners) {
      try {
        listener(version);
      } catch {
        // A listener's failure is its own; the others still hear the change.
      }
    }
  }

  subscribe(listener: FlagChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** One process (PGlite, or a PostgreSQL server without a LISTEN connection): announcements stay in memory. */
export function inProcessFlagChangeFeed(): FlagChangeFeed {
  const announcer = new FlagVersionAnnouncer();
  return {
    async announceInTransaction() {},
    committed: (version) => announcer.heard(version),
    subscribe: (listener) => announcer.subscribe(listener),
    get latest() {
      return announcer.latest;
    },
    async close() {},
  };
}
