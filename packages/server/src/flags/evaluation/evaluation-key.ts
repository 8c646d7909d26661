/**
 * Who may evaluate flags, and in which environment: an instance key (secret for servers, publishable
 * for browsers) holding `flags:evaluate` and bound to one flag environment. The environment comes
 * from the key, never from the request, so a browser's key cannot read another environment's flags.
 */
import type { FastifyRequest } from 'fastify';
import { grantsScope } from '../../orgs/api-keys/engine/scopes.ts';
import { INSTANCE_TENANT_ID } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';

export function evaluationEnvironment(request: FastifyRequest): string {
  const principal = request.principal;
  if (
    (principal?.kind === 'api_key' || principal?.kind === 'publishable_key') &&
    principal.orgId === INSTANCE_TENANT_ID &&
    principal.flagsEnvironment !== undefined &&
    grantsScope(principal.scopes, 'flags:evaluate')
  ) {
    return principal.flagsEnvironment;
  }
  throw new AppError('forbidden', {
    detail:
      'Flag evaluation takes an instance API key with the flags:evaluate scope bound to a flag environment (flags_environment)',
  });
}
