import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.ts';

/** The signed-in user behind a request; operator and API keys are not users. */
export function requireUserPrincipal(request: FastifyRequest): { userId: string; sessionId: string } {
  const principal = request.principal;
  if (principal?.kind !== 'user') {
    throw new AppError('forbidden', { detail: 'This route needs a signed-in user (an access token)' });
  }
  return { userId: principal.id, sessionId: principal.credentialId };
}
