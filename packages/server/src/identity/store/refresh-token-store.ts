import type { Selectable } from 'kysely';
import type { Executor } from './executor.ts';
import type { RefreshTokensTable } from './tables.ts';

export type RefreshTokenRow = Selectable<RefreshTokensTable>;

export async function insertRefreshToken(
  db: Executor,
  token: Pick<RefreshTokenRow, 'id' | 'session_id' | 'lookup' | 'token_hash'>,
): Promise<void> {
  await db.insertInto('refresh_tokens').values(token).execute();
}

/** The token row by its lookup id, locked for the rest of the transaction. */
export async function lockRefreshToken(db: Executor, lookup: string): Promise<RefreshTokenRow | undefined> {
  return db
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('lookup', '=', lookup)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a token exchanged; false when another exchange got there first. */
export async function markRotated(
  db: Executor,
  input: { id: string; replacedBy: string; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ rotated_at: input.now, replaced_by: input.replacedBy })
    .where('id', '=', input.id)
    .where('rotated_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
