import type { Selectable } from 'kysely';
import type { Executor } from './executor.ts';
import type { OneTimeCodePurpose, OneTimeCodesTable } from './tables.ts';

export type OneTimeCodeRow = Selectable<OneTimeCodesTable>;

export async function insertOneTimeCode(
  db: Executor,
  row: Pick<
    OneTimeCodeRow,
    | 'id'
    | 'purpose'
    | 'user_id'
    | 'email_normalized'
    | 'new_email'
    | 'code_hash'
    | 'link_lookup'
    | 'link_hash'
    | 'expires_at'
  >,
): Promise<void> {
  await db.insertInto('one_time_codes').values(row).execute();
}

/** Voids the open codes of a purpose for an address (a new one replaces them). */
export async function voidOpenCodes(
  db: Executor,
  input: { purpose: OneTimeCodePurpose; emailNormalized: string; now: Date },
): Promise<void> {
  await db
    .updateTable('one_time_codes')
    .set({ used_at: input.now })
    .where('purpose', '=', input.purpose)
    .where('email_normalized', '=', input.emailNormalized)
    .where('used_at', 'is', null)
    .execute();
}

/** The newest open, unexpired code of a purpose for an address, locked. */
export async function lockOpenCode(
  db: Executor,
  input: { purpose: OneTimeCodePurpose; emailNormalized: string; now: Date },
): Promise<OneTimeCodeRow | undefined> {
  return db
    .selectFrom('one_time_codes')
    .selectAll()
    .where('purpose', '=', input.purpose)
    .where('email_normalized', '=', input.emailNormalized)
    .where('used_at', 'is', null)
    .where('expires_at', '>', input.now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockCodeByLinkLookup(
  db: Executor,
  lookup: string,
): Promise<OneTimeCodeRow | undefined> {
  return db
    .selectFrom('one_time_codes')
    .selectAll()
    .where('link_lookup', '=', lookup)
    .forUpdate()
    .executeTakeFirst();
}

/** The same row, read without a lock (to show what a link is for, not to use it). */
export async function findCodeByLinkLookup(
  db: Executor,
  lookup: string,
): Promise<OneTimeCodeRow | undefined> {
  return db.selectFrom('one_time_codes').selectAll().where('link_lookup', '=', lookup).executeTakeFirst();
}

export async function markCodeUsed(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('one_time_codes').set({ used_at: now }).where('id', '=', id).execute();
}

/** Counts a wrong guess; past the limit the code is void. */
export async function recordWrongGuess(db: Executor, row: OneTimeCodeRow, now: Date): Promise<void> {
  const attempts = row.attempts + 1;
  await db
    .updateTable('one_time_codes')
    .set({ attempts, ...(attempts >= row.max_attempts ? { used_at: now } : {}) })
    .where('id', '=', row.id)
    .execute();
}
