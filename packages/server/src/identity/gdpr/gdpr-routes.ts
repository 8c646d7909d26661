import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { exportDocumentSchema } from '../../platform/gdpr/export-schema.ts';
import type { PersonalDataService } from '../../platform/gdpr/personal-data-service.ts';
import { requireUserPrincipal } from '../routes/require-user.ts';
import { noContent, noQuery } from '../routes/schemas.ts';
import { freshSignInRequired, isFreshSignIn } from '../service/fresh-sign-in.ts';
import { findUserById } from '../store/user-store.ts';
import { isErasedAccount } from './account-erasure-store.ts';

const userParams = z.strictObject({
  userId: z.string().regex(/^user_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a user id (user_…)'),
});

/** GDPR for users: export everything held about a user, and erase one (the user themself, or an operator). */
export function personalDataRoutes(
  personalData: PersonalDataService,
  database: Database,
): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['privacy'];

    app.get(
      '/v1/me/export',
      {
        schema: {
          tags,
          summary: 'Everything held about the signed-in user, as one JSON document',
          querystring: noQuery,
          response: { 200: exportDocumentSchema },
        },
      },
      async (request, reply) => {
        const { userId } = requireUserPrincipal(request);
        const document = await personalData.exportUser(userId);
        return reply.header('cache-control', 'no-store').send(document);
      },
    );

    app.delete(
      '/v1/me',
      {
        schema: {
          tags,
          summary: 'Erase the signed-in user’s account (needs a sign-in from the last 5 minutes)',
          description:
            'Refused with last_owner while the user is the last owner of an organization with other members; ' +
            'organizations where the user is the only member are erased with the account.',
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        const caller = requireUserPrincipal(request);
        // An erasure that failed half-way ended the session: its token may still finish what was authorized.
        const resuming = await erasureUnderWay(database, caller.userId);
        if (!resuming && !(await isFreshSignIn(database, caller))) throw freshSignInRequired();
        await personalData.eraseUser({ userId: caller.userId, audit: auditContextOf(request) });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v1/users/:userId/export',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Everything held about a user, as one JSON document (operators)',
          params: userParams,
          querystring: noQuery,
          response: { 200: exportDocumentSchema },
        },
      },
      async (request, reply) => {
        const document = await personalData.exportUser(request.params.userId);
        return reply.header('cache-control', 'no-store').send(document);
      },
    );

    app.delete(
      '/v1/users/:userId',
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary: 'Erase a user (operators); the same rules as DELETE /v1/me, without the fresh sign-in',
          params: userParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        await personalData.eraseUser({ userId: request.params.userId, audit: auditContextOf(request) });
        return reply.code(204).send(null);
      },
    );
  };
}

/** Whether the user's account is locked out by an erasure (finished or not). */
async function erasureUnderWay(database: Database, userId: string): Promise<boolean> {
  const user = await findUserById(database.kysely, userId);
  return user !== undefined && isErasedAccount(user);
}
