/**
 * Who may stream an environment's flag set, and which environment. The flag set holds every rule and
 * segment (user ids included), so only server-side credentials stream it: an operator key, or an
 * instance secret key with `flags:evaluate` (or `admin`). A key bound to one environment streams that
 * environment; an unbound caller names it with `?environment=`. Publishable keys never reach the route
 * (it is not `publishable`); browsers get evaluated flags through OFREP instead.
 */
import type { FastifyRequest } from 'fastify';
import { grantsScope } from '../../orgs/api-keys/engine/scopes.ts';
import { INSTANCE_TENANT_ID } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';

export function streamEnvironment(request: FastifyRequest, requested: string | undefined): string {
  const principal = request.principal;
  const allowed =
    principal?.kind === 'operator' ||
    (principal?.kind === 'api_key' &&
      principal.orgId === INSTANCE_TENANT_ID &&
      grantsScope(principal.scopes, 'flags:evaluate'));
  if (!allowed) {
    throw new AppError('forbidden', {
      detail: 'The flag stream needs an instance secret key with flags:evaluate, or an operator key',
    });
  }
  const bound = boundEnvironment(principal);
  if (bound !== undefined) {
    if (requested !== undefined && requested !== bound) {
      throw new AppError('forbidden', { detail: `This key evaluates flags in '${bound}' only` });
    }
    return bound;
  }
  if (requested === undefined) {
    throw new AppError('validation_failed', {
      detail: 'Name the environment: ?environment=<key> (or use a key bound to one environment)',
      fields: [
        {
          field: 'environment',
          location: 'query',
          message: 'required for a key not bound to an environment',
        },
      ],
    });
  }
  return requested;
}

/** The environment an evaluation key is bound to (its `flags_environment`), if any. */
function boundEnvironment(principal: FastifyRequest['principal']): string | undefined {
  return principal?.kind === 'api_key' ? principal.flagsEnvironment : undefined;
}
