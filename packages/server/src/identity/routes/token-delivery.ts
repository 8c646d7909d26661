import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config/config.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import '../errors.ts';
import type { SessionTokens } from '../service/session-service.ts';
import type { SignInResult } from '../service/sign-in-flow.ts';
import { presentSignIn, presentTokens } from './present.ts';

/**
 * How a route that issues tokens hands them over. By default everything is in
 * the JSON answer (mobile apps, servers, CLIs). A browser app may send
 * `X-Keystone-Token-Delivery: cookie`: then the refresh token is set as an
 * HttpOnly cookie and left out of the JSON, so script on the page (an XSS) can
 * never read the long-lived credential. The access token stays in the JSON and
 * the app keeps it in memory, as with Auth0's and Clerk's SPA SDKs.
 *
 * Why not the access token in a cookie too: the authenticator would then accept
 * an ambient credential on every route, and every state-changing route of every
 * module would need CSRF protection. Here only `POST /v1/auth/refresh` ever reads
 * the cookie (sign-out only clears it), so only that route needs the CSRF check
 * in `refreshTokenOf`; the API itself stays Bearer-only.
 *
 * The cookie: `Path=/v1/auth` (never sent to the rest of the API), `HttpOnly`,
 * `Secure` (config.identity.cookieSecure; off only for plain-http local
 * development) with the `__Secure-` name prefix so a plain-http page cannot
 * overwrite it, `SameSite=Strict`. Strict rather than Lax: the cookie is only
 * needed on the app's own fetch() calls, never on a top-level navigation from
 * another site, which is all Lax would add. "Site" is the registrable domain, so
 * app.example.com calling id.example.com still sends it; an app on another site
 * altogether cannot use cookies (browsers block third-party cookies) and uses JSON.
 *
 * Every route that answers tokens declares `onRequest: delivery.checkHeader` (a
 * bad header is refused before any work) and answers with `signIn` (a
 * SignInResult) or `tokens` (SessionTokens) instead of presenting them itself.
 */
export const TOKEN_DELIVERY_HEADER = 'x-keystone-token-delivery';
export const CSRF_HEADER = 'x-keystone-csrf';
export const REFRESH_COOKIE_PATH = '/v1/auth';

export type TokenDelivery = ReturnType<typeof createTokenDelivery>;

export function createTokenDelivery(config: Pick<Config, 'publicUrl' | 'corsOrigins' | 'identity'>) {
  const secure = config.identity.cookieSecure;
  const cookieName = secure ? '__Secure-keystone_refresh' : 'keystone_refresh';
  const attributes = `Path=${REFRESH_COOKIE_PATH}; HttpOnly;${secure ? ' Secure;' : ''} SameSite=Strict`;
  const publicOrigin = new URL(config.publicUrl).origin;
  const allowedOrigins = new Set([config.publicUrl, ...config.corsOrigins].map((url) => new URL(url).origin));

  // Requests whose refresh token was read from the cookie: their new one goes back into it,
  // whatever the header says (returning it in JSON would hand an HttpOnly secret to script).
  const cameFromCookie = new WeakSet<FastifyRequest>();

  function setCookie(reply: FastifyReply, tokens: SessionTokens): void {
    const maxAge = Math.max(0, Math.floor((tokens.session.expires_at.getTime() - Date.now()) / 1000));
    reply.header('set-cookie', `${cookieName}=${tokens.refreshToken}; Max-Age=${maxAge}; ${attributes}`);
  }

  function clearCookie(reply: FastifyReply): void {
    reply.header('set-cookie', `${cookieName}=; Max-Age=0; ${attributes}`);
  }

  /** Every value of our cookie the request carries (more than one means someone planted one). */
  function cookieValues(request: FastifyRequest): string[] {
    const header = request.headers.cookie;
    if (!header) return [];
    const values: string[] = [];
    for (const pair of header.split(';')) {
      const at = pair.indexOf('=');
      if (at > 0 && pair.slice(0, at).trim() === cookieName) values.push(pair.slice(at + 1).trim());
    }
    return values;
  }

  /**
   * The cookie is an ambient credential: a page on another site can make the browser send
   * it. SameSite=Strict already keeps it off cross-site requests; this is the second wall,
   * for old browsers and for sibling subdomains (same site, other origin). A custom header
   * cannot be sent cross-origin without a CORS preflight, which only KEYSTONE_CORS_ORIGINS
   * pass; and when the browser names the Origin, it must be ours or one of those.
   */
  function assertSameOrigin(request: FastifyRequest): void {
    const csrf = request.headers[CSRF_HEADER];
    const origin = request.headers.origin;
    if (typeof csrf !== 'string' || csrf.length === 0) {
      throw new AppError('csrf_check_failed', {
        detail: `Send the ${CSRF_HEADER} header (any value) with requests that use the refresh cookie`,
      });
    }
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      throw new AppError('csrf_check_failed', {
        detail: 'This origin may not use the refresh cookie; add it to KEYSTONE_CORS_ORIGINS',
      });
    }
  }

  // Only checkHeader refuses a bad value: by the time tokens are answered the session exists, and
  // refusing then would strand it. A route that forgot the hook answers JSON, the safe default.
  const wantsCookie = (request: FastifyRequest): boolean =>
    request.headers[TOKEN_DELIVERY_HEADER] === 'cookie';

  /** JSON as presentTokens makes it; in cookie mode without refresh_token, which went into the cookie. */
  function deliver(request: FastifyRequest, reply: FastifyReply, tokens: SessionTokens, mfaEnabled: boolean) {
    const answer = presentTokens(tokens, mfaEnabled);
    if (!wantsCookie(request) && !cameFromCookie.has(request)) return answer;
    setCookie(reply, tokens);
    const { refresh_token: _inTheCookie, ...rest } = answer;
    return rest;
  }

  return {
    /** Route hook: refuses an unknown X-Keystone-Token-Delivery before the route does any work. */
    async checkHeader(request: FastifyRequest): Promise<void> {
      const value = request.headers[TOKEN_DELIVERY_HEADER];
      if (value === undefined || value === 'json' || value === 'cookie') return;
      throw new AppError('validation_failed', {
        detail: `${TOKEN_DELIVERY_HEADER} must be "cookie" or "json"`,
        fields: [
          { field: TOKEN_DELIVERY_HEADER, location: 'headers', message: 'must be "cookie" or "json"' },
        ],
      });
    },

    /** For routes that end a first factor (password, emailed code, magic link): tokens or an MFA challenge. */
    signIn(request: FastifyRequest, reply: FastifyReply, result: SignInResult) {
      if (result.status === 'mfa_required') return presentSignIn(result);
      return deliver(request, reply, result.tokens, result.tokens.session.auth_methods.includes('mfa'));
    },

    /** For routes that answer a session's tokens directly (refresh, the second factor). */
    tokens: deliver,

    /**
     * Whether a form POST comes from our own page (the email-link page): the browser says so
     * with `Sec-Fetch-Site: same-origin` or an Origin equal to KEYSTONE_PUBLIC_URL's. A page on
     * another site posting its own link token would otherwise sign the visitor into the
     * forger's account (login CSRF) when the link sets the refresh cookie.
     */
    isSameOriginForm(request: FastifyRequest): boolean {
      const fetchSite = request.headers['sec-fetch-site'];
      if (fetchSite !== undefined) return fetchSite === 'same-origin';
      return request.headers.origin === publicOrigin;
    },

    /** A browser signed in by an email link: the refresh cookie, no JSON (the page is HTML). */
    setBrowserSession(reply: FastifyReply, tokens: SessionTokens): void {
      setCookie(reply, tokens);
    },

    /**
     * The refresh token a refresh request presents: the body's when it has one (it cannot be
     * forged cross-site: the attacker does not know it), else the cookie's after the CSRF check.
     */
    refreshTokenOf(request: FastifyRequest, fromBody: string | undefined): string {
      if (fromBody !== undefined) return fromBody;
      const values = cookieValues(request);
      if (values.length === 0) {
        throw new AppError('invalid_refresh_token', {
          detail: 'Send refresh_token in the body, or the refresh cookie set at sign-in',
        });
      }
      assertSameOrigin(request);
      // Two cookies of our name: one was planted (cookie tossing from a sibling subdomain).
      if (values.length > 1 || !values[0]) {
        throw new AppError('invalid_refresh_token', {
          detail: 'The refresh cookie is ambiguous; sign in again',
        });
      }
      cameFromCookie.add(request);
      return values[0];
    },

    /** Whether the request carries the refresh cookie (sign-out clears it, a failed refresh too). */
    hasCookie: (request: FastifyRequest) => cookieValues(request).length > 0,
    clearCookie,
  };
}
