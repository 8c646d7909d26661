import { normalizeEmail } from '../../../identity/engine/email-address.ts';
import type { Database } from '../../../platform/db/database.ts';
import { withTenant } from '../../../platform/db/tenant-scope.ts';
import type { PersonalDataParticipant, UserSubject } from '../../../platform/gdpr/index.ts';
import { statusOf } from '../engine/invitation-rules.ts';
import type { InvitationRow } from '../store/invitation-store.ts';
import {
  deleteAllInvitations,
  forgetUserInInvitations,
  listAllInvitations,
} from '../store/invitation-store.ts';
import { deleteInvitationsTo, listInvitationsAbout } from '../store/personal-data-door.ts';

/** An invitation in an export document: what it is, never its token's lookup id or hash. */
function exported(row: InvitationRow, now: Date) {
  return {
    id: row.id,
    org_id: row.org_id,
    email: row.email,
    role: row.role_key,
    status: statusOf(row, now),
    invited_by: row.invited_by,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    accepted_at: row.accepted_at?.toISOString() ?? null,
    accepted_by: row.accepted_by,
    revoked_at: row.revoked_at?.toISOString() ?? null,
  };
}

const subjectOf = (subject: UserSubject) => ({
  userId: subject.userId,
  emailNormalized: normalizeEmail(subject.email),
});

/**
 * The invitations' part of GDPR export and erasure (platform/gdpr/). A user's
 * export holds the invitations they received (sent to their address, or accepted
 * by them under an address they had before) and those they sent; erasing them deletes the former and forgets them in the latter
 * (invited_by, accepted_by become null). An organization's export holds all its
 * invitations; erasing it deletes them (organization deletion cascades anyway).
 */
export function invitationsPersonalData(database: Database, now = () => new Date()): PersonalDataParticipant {
  return {
    name: 'invitations',
    async exportUser(subject) {
      const subjectKey = subjectOf(subject);
      const rows = await listInvitationsAbout(database, subjectKey);
      const at = now();
      return {
        received: rows
          .filter(
            (r) => r.email_normalized === subjectKey.emailNormalized || r.accepted_by === subject.userId,
          )
          .map((r) => exported(r, at)),
        sent: rows.filter((r) => r.invited_by === subject.userId).map((r) => exported(r, at)),
      };
    },
    async exportOrganization(orgId) {
      const rows = await withTenant(database, orgId, listAllInvitations);
      const at = now();
      return rows.map((row) => exported(row, at));
    },
    async eraseUser(subject) {
      // Each step is idempotent, so an erasure interrupted between them is simply run again.
      const orgIds = await deleteInvitationsTo(database, subjectOf(subject));
      for (const orgId of orgIds) {
        await withTenant(database, orgId, (scope) => forgetUserInInvitations(scope, subject.userId));
      }
    },
    async eraseOrganization(orgId) {
      await withTenant(database, orgId, deleteAllInvitations);
    },
  };
}
