import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';

/** Small wrappers over identity's HTTP API for tests (app.inject, no port). */
export type SignedIn = {
  access_token: string;
  refresh_token: string;
  session_id: string;
  expires_in: number;
  user: { id: string; email: string; email_verified: boolean; name: string | null; mfa_enabled: boolean };
};

let counter = 0;
/** A unique address per call, so tests sharing a database never collide. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}@example.test`;
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export async function signUp(
  app: FastifyInstance,
  body: { email: string; password: string; name?: string },
  headers: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url: '/v1/auth/sign-up', payload: body, headers });
}

export async function signIn(
  app: FastifyInstance,
  body: { email: string; password: string },
  options: { headers?: Record<string, string>; remoteAddress?: string } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    payload: body,
    headers: options.headers ?? {},
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
}

/** Signs up and signs in a fresh user; returns the tokens. */
export async function newSignedInUser(
  app: FastifyInstance,
  options: { email?: string; password?: string; name?: string } = {},
): Promise<SignedIn & { email: string; password: string }> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? STRONG_PASSWORD;
  const up = await signUp(app, { email, password, ...(options.name ? { name: options.name } : {}) });
  assert.equal(up.statusCode, 202, up.body);
  const res = await signIn(app, { email, password });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.status, 'signed_in', res.body);
  return { ...body, email, password };
}

export async function refresh(app: FastifyInstance, refreshToken: string) {
  return app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refresh_token: refreshToken } });
}
