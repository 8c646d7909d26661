import type { ActorType } from './audit-entry.ts';

/**
 * What a reader asks of a chain: which entries (the filter), in which order,
 * from where (the cursor). Pure: the store turns it into SQL.
 */
export type AuditFilter = {
  actorId?: string | undefined;
  actorType?: ActorType | undefined;
  /** An exact action (`member.removed`), or a family when it ends with a dot (`member.`). */
  action?: string | undefined;
  /** occurred_at >= since. */
  since?: Date | undefined;
  /** occurred_at < until. */
  until?: Date | undefined;
};

/** `desc`: newest first (the default of lists); `asc`: chain order (exports, and readers catching up). */
export type AuditOrder = 'asc' | 'desc';

/** An action filter: `noun.verb` exactly, or a `noun.` family prefix (at least one dot either way). */
export const ACTION_FILTER = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.([a-z][a-z0-9_]*)?$/;

export function isActionFamily(action: string): boolean {
  return action.endsWith('.');
}

/** A LIKE pattern for an action family; `_` is a LIKE wildcard, the only one an action may contain. */
export function actionFamilyPattern(prefix: string): string {
  return `${prefix.replaceAll('_', '\\_')}%`;
}

/** A page position: the last seq a page returned, and the order it was read in. */
export type AuditCursor = { order: AuditOrder; seq: number };

/** Opaque to clients: base64url of `[order, seq]`. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.seq])).toString('base64url');
}

/** Undefined for anything that is not a cursor this server made. */
export function decodeAuditCursor(text: string): AuditCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [order, seq] = parsed;
    if (order !== 'asc' && order !== 'desc') return undefined;
    if (!Number.isSafeInteger(seq) || seq < 0) return undefined;
    return { order, seq };
  } catch {
    return undefined;
  }
}
