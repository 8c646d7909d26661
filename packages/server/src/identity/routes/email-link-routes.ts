import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { EMAIL_LINK_KINDS, type EmailLinkKind } from '../service/email-links.ts';
import type { IdentityService } from '../service/identity-service.ts';
import { type ClientContext, clientContextOf } from '../service/request-context.ts';
import { linkTokenField } from './email-flow-schemas.ts';
import {
  EMAIL_LINK_PAGE_CSP,
  renderInvalidLink,
  renderLinkForm,
  renderLinkResult,
} from './email-link-page.ts';
import { passwordField } from './schemas.ts';
import { createTokenDelivery } from './token-delivery.ts';

const FORM_BODY_LIMIT = 8 * 1024;

const linkParams = z.strictObject({ kind: z.enum(EMAIL_LINK_KINDS) });
const htmlPage = {
  200: z.string().describe('An HTML page (also sent with 400, 409 or 422 when the link fails)'),
};

/**
 * `GET /v1/auth/email-links/:kind?token=…` (the link in the mail) shows a page
 * and changes nothing; its form POSTs the token (application/x-www-form-urlencoded)
 * to the same path, which does the work and shows the result. Apps that open
 * links themselves should instead send the token to the JSON routes
 * (`/v1/auth/verify-email`, `/v1/auth/password-reset/confirm`,
 * `/v1/auth/passwordless/verify`, `/v1/me/email/confirm`).
 *
 * No CSRF token is needed for most links: a cross-site form could only post a
 * token it already holds, acting on the forger's own account. The sign-in link
 * is the exception: it sets the refresh cookie (so a same-site app using cookie
 * delivery is signed in), so its POST must come from our own page.
 */
export function emailLinkRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    const emails = identity.emails;
    const delivery = createTokenDelivery(identity.config);
    // Forms only here (this plugin's scope): the rest of the API stays JSON-only.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, done) => {
        // fromEntries defines own properties: a `__proto__` field cannot reach the prototype.
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );

    const send = (reply: FastifyReply, status: number, html: string) =>
      reply
        .code(status)
        .header('content-security-policy', EMAIL_LINK_PAGE_CSP)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);

    app.get(
      '/v1/auth/email-links/:kind',
      {
        config: { access: 'public' },
        schema: {
          tags: ['identity'],
          summary: 'The page an emailed link opens (reading it uses nothing up; its button does)',
          params: linkParams,
          querystring: z.strictObject({ token: linkTokenField }),
          response: htmlPage,
        },
      },
      async (request, reply) => {
        const { kind } = request.params;
        const { token } = request.query;
        const open = await emails.openEmailLink(kind, token);
        if (!open) return send(reply, 400, renderInvalidLink());
        return send(reply, 200, renderLinkForm({ kind, token, ...open }));
      },
    );

    app.post(
      '/v1/auth/email-links/:kind',
      {
        config: { access: 'public' },
        schema: {
          tags: ['identity'],
          summary: 'The emailed link’s button: uses the token and shows the result',
          description: 'A form post (application/x-www-form-urlencoded) from the page above.',
          params: linkParams,
          querystring: z.strictObject({}),
          body: z.strictObject({ token: linkTokenField, new_password: passwordField.optional() }),
          response: htmlPage,
        },
      },
      async (request, reply) => {
        const { kind } = request.params;
        const { token, new_password: newPassword } = request.body;
        const client = clientContextOf(request);
        try {
          const [status, html] = await redeem(kind, token, newPassword, client, request, reply);
          return send(reply, status, html);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.code === 'invalid_code') return send(reply, 400, renderInvalidLink());
          if (error.code === 'email_taken') {
            return send(
              reply,
              409,
              renderLinkResult(
                'The address is taken',
                'Another account uses this email address now, so the change cannot be made.',
              ),
            );
          }
          if (error.code === 'password_rejected' && kind === 'reset-password') {
            // The code was not used: show the form again with what to fix.
            const open = await emails.openEmailLink(kind, token);
            if (!open) return send(reply, 400, renderInvalidLink());
            const problems = (error.fields ?? []).map((f) => `The password ${f.message}.`);
            return send(reply, 422, renderLinkForm({ kind, token, ...open }, problems));
          }
          throw error;
        }
      },
    );

    async function redeem(
      kind: EmailLinkKind,
      token: string,
      newPassword: string | undefined,
      client: ClientContext,
      request: FastifyRequest,
      reply: FastifyReply,
    ): Promise<[number, string]> {
      switch (kind) {
        case 'verify-email': {
          await emails.verifyEmail({ proof: { token }, client });
          return [200, renderLinkResult('Email address verified', 'Thank you. You can close this page.')];
        }
        case 'change-email': {
          const user = await emails.confirmEmailChange({ proof: { token }, client });
          return [
            200,
            renderLinkResult(
              'Email address changed',
              `Your account’s email address is now ${user.email}. Sign in with it from now on.`,
            ),
          ];
        }
        case 'reset-password': {
          if (newPassword === undefined) {
            throw new AppError('validation_failed', {
              detail: 'new_password is required for this link',
              fields: [{ field: 'new_password', location: 'body', message: 'is required' }],
            });
          }
          await emails.confirmPasswordReset({ proof: { token }, newPassword, client });
          return [
            200,
            renderLinkResult(
              'Password changed',
              'Every session of your account has ended. Sign in with the new password.',
            ),
          ];
        }
        case 'sign-in': {
          // Checked before the token is spent: a forged cross-site post changes nothing.
          if (!delivery.isSameOriginForm(request)) {
            throw new AppError('csrf_check_failed', {
              detail: 'Open the link from the email and use its button',
            });
          }
          const result = await emails.signInFromBrowserLink({ token, client });
          if (result.status === 'signed_in') {
            // The refresh token goes into the HttpOnly cookie: an app on this site using cookie
            // delivery picks the session up with its next POST /v1/auth/refresh.
            delivery.setBrowserSession(reply, result.tokens);
            return [200, renderLinkResult('Signed in', 'You are signed in. You can return to the app.')];
          }
          // A second factor is needed, and this page cannot take it.
          return [
            200,
            renderLinkResult(
              'Finish signing in in the app',
              'This account uses two-step verification, which this page cannot complete.',
              result.status === 'finish_in_app'
                ? 'Type the code from the email in the app, then the code from your authenticator.'
                : 'Ask for a new sign-in email in the app, and finish there.',
            ),
          ];
        }
      }
    }
  };
}
