import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { bearer } from './identity-client.ts';
import type { TestSmtp } from './test-smtp.ts';

/** Small wrappers over the invitations HTTP API for tests (app.inject, no port). */
export type InvitationAnswer = {
  id: string;
  org_id: string;
  email: string;
  role: string;
  status: string;
  invited_by: string | null;
  expires_at: string;
};

/** Invites as the given credential; answers the raw response. */
export function inviteAs(
  app: FastifyInstance,
  headers: Record<string, string>,
  orgId: string,
  body: Record<string, unknown>,
) {
  return app.inject({
    method: 'POST',
    url: `/v1/organizations/${orgId}/invitations`,
    headers,
    payload: body,
  });
}

/** Invites as a signed-in user and expects 201. */
export async function invite(
  app: FastifyInstance,
  accessToken: string,
  orgId: string,
  body: { email: string; role: string; expires_in_seconds?: number },
): Promise<InvitationAnswer> {
  const res = await inviteAs(app, bearer(accessToken), orgId, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** The token of the invitation link in a mail, as the invitee's page would read it. */
export function invitationTokenOf(text: string): string {
  const match = /https?:\/\/\S+[?&]token=(ks_inv_[^\s&]+)/.exec(text);
  assert.ok(match?.[1], `an invitation link in: ${text}`);
  return decodeURIComponent(match[1]);
}

/**
 * The token of the n-th (0-based) invitation mail to an address, read from the real SMTP
 * listener; other mails to it (an account's verification mail) are passed over.
 */
export async function mailedInvitationToken(smtp: TestSmtp, to: string, nth = 0): Promise<string> {
  let seen = 0;
  for (let since = 0; ; since++) {
    const mail = await smtp.waitForMail(to, { since });
    if (!/[?&]token=ks_inv_/.test(mail.text)) continue;
    if (seen === nth) return invitationTokenOf(mail.text);
    seen += 1;
  }
}

let clients = 0;
/** A fresh client address per call unless one is given: the token routes are limited per IP. */
function from(remoteAddress: string | undefined) {
  clients += 1;
  return { remoteAddress: remoteAddress ?? `10.77.${(clients >> 8) & 255}.${clients & 255}` };
}

export function previewInvitation(app: FastifyInstance, token: string, remoteAddress?: string) {
  return app.inject({
    method: 'POST',
    url: '/v1/invitations/preview',
    payload: { token },
    ...from(remoteAddress),
  });
}

export function acceptInvitation(
  app: FastifyInstance,
  accessToken: string,
  token: string,
  remoteAddress?: string,
) {
  return app.inject({
    method: 'POST',
    url: '/v1/invitations/accept',
    headers: bearer(accessToken),
    payload: { token },
    ...from(remoteAddress),
  });
}

export function signUpWithInvitation(
  app: FastifyInstance,
  body: { token: string; password: string; name?: string },
  remoteAddress?: string,
) {
  return app.inject({
    method: 'POST',
    url: '/v1/invitations/sign-up',
    payload: body,
    ...from(remoteAddress),
  });
}
