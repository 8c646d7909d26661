import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { TestApp } from './test-app.ts';
import type { ReceivedMail } from './test-smtp.ts';

/** Helpers for identity's emailed flows in tests: what a person reads in a mail, and does with it. */

/** The 6-digit code in a mail (its subject carries it, as does the text). */
export function codeOf(mail: ReceivedMail): string {
  const match = /\b(\d{6})\b/.exec(mail.text);
  assert.ok(match, `a code in: ${mail.text}`);
  return match[1] as string;
}

/** The emailed link as a path with its query (what app.inject takes), e.g. /v1/auth/email-links/sign-in?token=… */
export function linkOf(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/v1\/auth\/email-links\/\S+/.exec(mail.text);
  assert.ok(match, `a link in: ${mail.text}`);
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

/** The token of an emailed link (for the JSON routes that take `{ token }`). */
export function tokenOf(mail: ReceivedMail): string {
  const token = new URL(`http://x${linkOf(mail)}`).searchParams.get('token');
  assert.ok(token);
  return token;
}

/** A different code of the same shape: a guess that is wrong. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

export async function postJson(
  app: FastifyInstance,
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });
}

/** Submits a link page's form the way a browser does. */
/** A form POST as the link page's button sends it (a browser marks it same-origin). */
export async function postForm(
  app: FastifyInstance,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' },
) {
  return app.inject({
    method: 'POST',
    url: path.split('?')[0] as string,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

export type AuditRow = {
  action: string;
  actor_id: string | null;
  target_id: string | null;
  metadata: Record<string, unknown>;
};

/** The instance audit entries about one user (as target or actor), in chain order. */
export async function auditAbout(t: TestApp, userId: string): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const url: string = `/v1/organizations/instance/audit-log?limit=500&order=asc${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await t.app.inject({
      method: 'GET',
      url,
      headers: t.operator,
    });
    assert.equal(res.statusCode, 200, res.body);
    const page: { data: AuditRow[]; next_cursor: string | null } = res.json();
    rows.push(...page.data);
    cursor = page.next_cursor;
  }
  return rows.filter((e) => e.target_id === userId || e.actor_id === userId);
}

/** The actions of those entries. */
export async function auditActionsAbout(t: TestApp, userId: string): Promise<string[]> {
  return (await auditAbout(t, userId)).map((e) => e.action);
}

/** Makes a user "have MFA": a confirmed TOTP row (only confirmed_at is read to decide). */
export async function giveConfirmedTotp(t: TestApp, userId: string): Promise<void> {
  await t.database.kysely
    .insertInto('user_totp')
    .values({ user_id: userId, secret_ciphertext: 'not-a-real-ciphertext', confirmed_at: new Date() })
    .execute();
}

/** Moves every open code of an address into the past. */
export async function expireCodes(t: TestApp, emailNormalized: string): Promise<void> {
  await t.database.kysely
    .updateTable('one_time_codes')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('email_normalized', '=', emailNormalized)
    .execute();
}

/** The claims of a JWT, unverified (the tests read what the server put there). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  assert.ok(payload);
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** Comparable answers: status, content type and body, the trace id aside. */
export function answerOf(res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  const body = res.body ? JSON.parse(res.body) : null;
  if (body && typeof body === 'object') delete body.trace_id;
  return { status: res.statusCode, type: res.headers['content-type'], body };
}
