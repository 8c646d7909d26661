import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { TOTP_PERIOD_SECONDS, totpCode, totpStep } from '../../src/identity/mfa/engine/totp.ts';
import { bearer, signIn } from './identity-client.ts';

/** Helpers for MFA over HTTP (app.inject), shared by identity's MFA tests. */

/**
 * A code the server accepts and has not seen: for the current step, or the next one
 * when the current step was already used. The server takes ±1 step, so this holds
 * for one code past the current step, whenever the test runs.
 */
export function nextTotp(secret: string, lastUsedStep: number): { code: string; step: number } {
  const step = Math.max(lastUsedStep + 1, totpStep());
  return { code: totpCode({ secret, now: step * TOTP_PERIOD_SECONDS * 1000 }), step };
}

export type TotpUser = { secret: string; recoveryCodes: string[]; lastStep: number };

/** Enrolls and confirms TOTP for a signed-in user; returns the seed, recovery codes and the step used. */
export async function enableTotp(app: FastifyInstance, accessToken: string): Promise<TotpUser> {
  const enroll = await app.inject({ method: 'POST', url: '/v1/me/mfa/totp', headers: bearer(accessToken) });
  assert.equal(enroll.statusCode, 201, enroll.body);
  const { secret } = enroll.json();
  const { code, step } = nextTotp(secret, -1);
  const confirm = await app.inject({
    method: 'POST',
    url: '/v1/me/mfa/totp/confirm',
    headers: bearer(accessToken),
    payload: { code },
  });
  assert.equal(confirm.statusCode, 200, confirm.body);
  return { secret, recoveryCodes: confirm.json().recovery_codes, lastStep: step };
}

/** Password sign-in that must answer an MFA challenge; returns its token. */
export async function mfaChallenge(app: FastifyInstance, body: { email: string; password: string }) {
  const res = await signIn(app, body);
  assert.equal(res.statusCode, 200, res.body);
  const answer = res.json();
  assert.equal(answer.status, 'mfa_required', res.body);
  return answer.mfa_token as string;
}

export async function verifyMfa(
  app: FastifyInstance,
  body: { mfa_token: string; code?: string; recovery_code?: string },
) {
  return app.inject({ method: 'POST', url: '/v1/auth/mfa/verify', payload: body });
}

/** The JWT's claims, unverified (the server made it; tests only read it). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  assert.ok(payload, 'a JWT has three parts');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

export type AuditRow = {
  action: string;
  actor_id: string | null;
  target_id: string | null;
  metadata: Record<string, unknown>;
};

/** The instance audit chain's entries about one user (as actor or target), oldest first. */
export async function userAuditTrail(
  app: FastifyInstance,
  operator: Record<string, string>,
  userId: string,
): Promise<AuditRow[]> {
  const entries: AuditRow[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const res: {
      statusCode: number;
      body: string;
      json(): { data: AuditRow[]; next_cursor: string | null };
    } = await app.inject({
      method: 'GET',
      url: `/v1/organizations/instance/audit-log?limit=500&order=asc${cursor ? `&cursor=${cursor}` : ''}`,
      headers: operator,
    });
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json();
    entries.push(...page.data);
    cursor = page.next_cursor;
  }
  return entries.filter((entry) => entry.actor_id === userId || entry.target_id === userId);
}
