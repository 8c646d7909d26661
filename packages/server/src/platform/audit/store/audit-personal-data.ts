import type { TenantScope } from '../../db/tenant-scope.ts';

/** What a personal-data export shows of an audit entry (the chain fields stay out: they prove nothing alone). */
export type SecurityEvent = {
  id: string;
  seq: number;
  action: string;
  actor_type: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  occurred_at: string;
  metadata: unknown;
};

/** The scope's entries in which the user acted or was acted on, in chain order (GDPR export). */
export async function listEntriesAboutUser(scope: TenantScope, userId: string): Promise<SecurityEvent[]> {
  const rows = await scope.db
    .selectFrom('audit_log')
    .select([
      'id',
      'seq',
      'action',
      'actor_type',
      'actor_id',
      'target_type',
      'target_id',
      'ip',
      'user_agent',
      'occurred_at',
      'metadata',
    ])
    .where('org_id', '=', scope.orgId)
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', userId),
        eb.and([eb('target_type', '=', 'user'), eb('target_id', '=', userId)]),
      ]),
    )
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq), occurred_at: row.occurred_at.toISOString() }));
}
