import { appendAuditEntry } from '../../platform/audit/index.ts';
import { listEntriesAboutUser } from '../../platform/audit/store/audit-personal-data.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import { withInstanceTransaction } from '../../platform/db/tenant-scope.ts';
import type { PersonalDataParticipant, UserSubject } from '../../platform/gdpr/index.ts';
import type { AccountDirectory } from '../../platform/gdpr/personal-data-service.ts';
import { mfaStatus } from '../mfa/service/mfa-settings.ts';
import { findUserById } from '../store/user-store.ts';
import { eraseAccountRecord, forgetActiveOrganization, lockOutAccount } from './account-erasure-store.ts';

/**
 * What identity holds about a user: the account, its sessions (device, IP, user
 * agent), whether MFA is on (never the secret or codes), and the user's
 * security events in the instance audit chain. Its user eraser runs last.
 */
export function identityPersonalData(database: Database): PersonalDataParticipant {
  return {
    name: 'identity',
    async exportUser(subject: UserSubject) {
      const user = await findUserById(database.kysely, subject.userId);
      if (!user) return null;
      const sessions = await database.kysely
        .selectFrom('sessions')
        .select([
          'id',
          'auth_methods',
          'active_org_id',
          'ip',
          'user_agent',
          'created_at',
          'last_active_at',
          'expires_at',
          'revoked_at',
          'revoked_reason',
        ])
        .where('user_id', '=', user.id)
        .orderBy('created_at', 'desc')
        .execute();
      const mfa = await mfaStatus(database, user.id);
      const securityEvents = await withInstanceTenant(database, (scope) =>
        listEntriesAboutUser(scope, user.id),
      );
      return {
        user: {
          id: user.id,
          email: user.email,
          email_verified_at: user.email_verified_at,
          name: user.name,
          has_password: user.password_hash !== null,
          password_changed_at: user.password_changed_at,
          created_at: user.created_at,
          updated_at: user.updated_at,
          // A session is one sign-in: the newest one's start is the last sign-in.
          last_sign_in_at: sessions[0]?.created_at ?? null,
        },
        sessions,
        mfa: {
          totp_enabled: mfa.totp.enabled,
          totp_confirmed_at: mfa.totp.confirmedAt,
          recovery_codes_remaining: mfa.recoveryCodesRemaining,
        },
        security_events: securityEvents,
      };
    },
    async eraseUser(subject) {
      await withInstanceTransaction(database, (scope) =>
        eraseAccountRecord(scope.db, subject.userId, new Date()),
      );
    },
    async eraseOrganization(orgId) {
      await forgetActiveOrganization(database.kysely, orgId);
    },
  };
}

/** How the personal-data service finds a user and locks the account out before erasing it. */
export function identityAccountDirectory(database: Database): AccountDirectory {
  return {
    async findSubject(userId) {
      const user = await findUserById(database.kysely, userId);
      return user ? { userId: user.id, email: user.email } : undefined;
    },
    async lockOut(userId, audit) {
      return withInstanceTenant(database, async (scope) => {
        const email = await lockOutAccount(scope.db, userId, new Date());
        if (email === undefined) return undefined;
        await appendAuditEntry(scope, {
          ...audit,
          action: 'user.erasure_started',
          target: { type: 'user', id: userId },
        });
        return { userId, email };
      });
    },
  };
}
