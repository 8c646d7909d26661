/**
 * Who may stream an environment's flag set, and which environment. The flag set holds every rule and
 * segment (user ids included), so only server-side credentials stream it: an instance secret key with
 * `flags:evaluate` bound to an environment (its `flags_environment`) streams that environment, as OFREP
 * evaluates in it; an operator key or an instance `admin` key names one with `?environment=`. Publishable
 * keys never reach the route (it is not `publishable`); browsers get evaluated flags through OFREP.
 */
import type { FastifyRequest } from 'fastify';
import { grantsScope } from '../../orgs/api-keys/engine/scopes.ts';
import { INSTANCE_TENANT_ID } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';

export function streamEnvironment(request: FastifyRequest, requested: string | undefined): string {
  const principal = request.principal;
  const key = principal?.kind === 'api_key' && principal.orgId === INSTANCE_TENANT_ID ? principal : undefined;
  if (key?.flagsEnvironment !== undefined && grantsScope(key.scopes, 'flags:evaluate')) {
    if (requested !== undefined && requested !== key.flagsEnvironment) {
      throw new AppError('forbidden', {
        detail: `This key evaluates flags in '${key.flagsEnvironment}' only`,
      });
    }
    return key.flagsEnvironment;
  }
  if (principal?.kind !== 'operator' && !key?.scopes.includes('admin')) {
    throw new AppError('forbidden', {
      detail:
        'The flag stream takes an instance secret key with flags:evaluate bound to a flag environment ' +
        '(flags_environment), or an operator or instance admin key naming ?environment=',
    });
  }
  if (requested === undefined) {
    throw new AppError('validation_failed', {
      detail: 'Name the environment: ?environment=<key>',
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
