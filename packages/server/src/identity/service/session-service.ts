import { appendAuditEntry } from '../../platform/audit/index.ts';
import type { Config } from '../../platform/config/config.ts';
import { issueSecret, secretLookup, verifySecret } from '../../platform/crypto/secret-hash.ts';
import type { Database } from '../../platform/db/database.ts';
import { withInstanceTenant } from '../../platform/db/instance-tenant.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import '../errors.ts';
import { insertRefreshToken, lockRefreshToken, markRotated } from '../store/refresh-token-store.ts';
import {
  insertSessionWithRefreshToken,
  lockSession,
  revokeUserSessions,
  type SessionRow,
  setActiveOrganization,
  touchSession,
} from '../store/session-store.ts';
import { findUserById, type UserRow } from '../store/user-store.ts';
import type { TokenService } from '../tokens/token-service.ts';
import type { ClientContext } from './request-context.ts';

/** Refresh tokens: `ks_rt_<43 base62>`, 256 bits, stored as SHA-256 (platform secret-hash). */
export const REFRESH_TOKEN_KIND = 'ks_rt';
const DAY_MS = 86_400_000;

/** What a client holds after signing in or refreshing. */
export type SessionTokens = {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  session: SessionRow;
  user: UserRow;
};

export type SessionService = ReturnType<typeof createSessionService>;

/**
 * The user's role in an organization, or undefined when they are not a member.
 * The organizations module provides it (identity never reads its tables).
 */
export type OrgRoleResolver = (userId: string, orgId: string) => Promise<string | undefined>;

/** An access token for a session whose refresh token is unchanged (the client keeps the one it has). */
export type AccessTokenAnswer = Omit<SessionTokens, 'refreshToken'>;

/**
 * Sessions and the rotating refresh tokens that keep them alive. Every path
 * that signs a user in ends in `start` (after the MFA check in sign-in-flow.ts);
 * `refresh` exchanges a refresh token for a new pair exactly once, and treats a
 * second exchange of the same token as theft: the whole family and every other
 * session of that user end, and the reuse is audited.
 */
export function createSessionService(deps: { database: Database; tokens: TokenService; config: Config }) {
  const { database, tokens, config } = deps;
  const ttlMs = config.identity.refreshTokenTtlDays * DAY_MS;
  const idleMs = config.identity.refreshTokenIdleDays * DAY_MS;
  const graceMs = config.identity.refreshReuseGraceSeconds * 1000;
  let orgRoleOf: OrgRoleResolver | undefined;

  async function newRefreshToken(
    scope: TenantScope,
    sessionId: string,
  ): Promise<{ id: string; plaintext: string }> {
    const secret = issueSecret(REFRESH_TOKEN_KIND);
    const id = newId('rt');
    await insertRefreshToken(scope.db, {
      id,
      session_id: sessionId,
      lookup: secret.lookup,
      token_hash: secret.hash,
    });
    return { id, plaintext: secret.plaintext };
  }

  /**
   * Signs the access token; outside any transaction (signing may create the first key).
   * The active organization's claims are resolved now, at every issue and refresh: a
   * demoted member's next token shows the new role, a removed member's names no org.
   */
  async function accessTokenFor(user: UserRow, session: SessionRow) {
    return tokens.issueAccessToken({
      sub: user.id,
      sid: session.id,
      email_verified: user.email_verified_at !== null,
      amr: session.auth_methods,
      ...(await orgClaims(user.id, session.active_org_id)),
    });
  }

  async function orgClaims(
    userId: string,
    orgId: string | null,
  ): Promise<{ org_id?: string; org_role?: string }> {
    if (!orgId) return {};
    if (!orgRoleOf) return { org_id: orgId };
    const role = await orgRoleOf(userId, orgId);
    return role ? { org_id: orgId, org_role: role } : {};
  }

  return {
    /** Called once by the organizations module, so tokens carry the role in the active organization. */
    setOrgRoleResolver(resolver: OrgRoleResolver): void {
      orgRoleOf = resolver;
    },

    /**
     * Makes `orgId` (or none) the session's active organization and answers a new access
     * token naming it. The caller has checked membership; the claims are resolved again here.
     */
    async setActiveOrganization(input: {
      userId: string;
      sessionId: string;
      orgId: string | null;
    }): Promise<AccessTokenAnswer> {
      const found = await withInstanceTenant(database, async (scope) => {
        const session = await lockSession(scope.db, input.sessionId);
        const live = session && !session.revoked_at && session.expires_at > new Date();
        if (!live || session.user_id !== input.userId) return undefined;
        await setActiveOrganization(scope.db, session.id, input.orgId);
        const user = await findUserById(scope.db, input.userId);
        return user ? { session: { ...session, active_org_id: input.orgId }, user } : undefined;
      });
      if (!found) throw new AppError('unauthenticated', { detail: 'This session has ended' });
      const access = await accessTokenFor(found.user, found.session);
      return { accessToken: access.token, expiresIn: access.expiresIn, ...found };
    },

    /**
     * Creates a session and its first refresh token inside the caller's instance transaction.
     * Only sign-in-flow.ts calls it: with `unlessSecondFactor` it creates nothing for a user
     * who has a second factor (answering undefined), so the first factor's check is the same
     * round trip as the session's creation.
     */
    async create(
      scope: TenantScope,
      input: { user: UserRow; authMethods: string[]; client: ClientContext; unlessSecondFactor: boolean },
    ): Promise<{ session: SessionRow; refreshToken: string } | undefined> {
      const secret = issueSecret(REFRESH_TOKEN_KIND);
      const session = await insertSessionWithRefreshToken(scope.db, {
        session: {
          id: newId('sess'),
          user_id: input.user.id,
          auth_methods: input.authMethods,
          active_org_id: null,
          ip: input.client.ip,
          user_agent: input.client.userAgent,
          expires_at: new Date(Date.now() + ttlMs),
        },
        refreshToken: { id: newId('rt'), lookup: secret.lookup, token_hash: secret.hash },
        unlessSecondFactor: input.unlessSecondFactor,
      });
      return session ? { session, refreshToken: secret.plaintext } : undefined;
    },

    /** The access token for a session just created or refreshed. */
    async tokensFor(
      created: { session: SessionRow; refreshToken: string },
      user: UserRow,
    ): Promise<SessionTokens> {
      const access = await accessTokenFor(user, created.session);
      return { accessToken: access.token, expiresIn: access.expiresIn, ...created, user };
    },

    async refresh(presented: string, client: ClientContext): Promise<SessionTokens> {
      const lookup = secretLookup(REFRESH_TOKEN_KIND, presented);
      if (!lookup) throw new AppError('invalid_refresh_token');
      const outcome = await withInstanceTenant(database, async (scope) => {
        const row = await lockRefreshToken(scope.db, lookup);
        if (!row || !verifySecret(presented, row.token_hash)) return { kind: 'invalid' as const };
        const session = await lockSession(scope.db, row.session_id);
        const now = new Date();
        if (!session || session.revoked_at) return { kind: 'invalid' as const };
        if (session.expires_at <= now || session.last_active_at.getTime() + idleMs <= now.getTime()) {
          return { kind: 'invalid' as const };
        }
        if (row.rotated_at) {
          const benignRace = graceMs > 0 && now.getTime() - row.rotated_at.getTime() <= graceMs;
          if (!benignRace) {
            const revoked = await revokeUserSessions(scope.db, {
              userId: session.user_id,
              reason: 'refresh_token_reused',
              now,
            });
            await appendAuditEntry(scope, {
              ...client.audit,
              actor: { type: 'user', id: session.user_id },
              action: 'session.refresh_token_reused',
              target: { type: 'session', id: session.id },
              metadata: { revoked_sessions: revoked },
            });
            return { kind: 'reused' as const };
          }
        }
        const user = await findUserById(scope.db, session.user_id);
        if (!user) return { kind: 'invalid' as const };
        const next = await newRefreshToken(scope, session.id);
        // Inside the grace window the presented token was already exchanged: a sibling is issued.
        if (!row.rotated_at) await markRotated(scope.db, { id: row.id, replacedBy: next.id, now });
        await touchSession(scope.db, session.id, now);
        return {
          kind: 'ok' as const,
          session: { ...session, last_active_at: now },
          user,
          refreshToken: next.plaintext,
        };
      });
      if (outcome.kind === 'reused') throw new AppError('refresh_token_reused');
      if (outcome.kind === 'invalid') throw new AppError('invalid_refresh_token');
      const access = await accessTokenFor(outcome.user, outcome.session);
      return {
        accessToken: access.token,
        expiresIn: access.expiresIn,
        refreshToken: outcome.refreshToken,
        session: outcome.session,
        user: outcome.user,
      };
    },
  };
}
