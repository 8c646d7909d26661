/**
 * Who may use the OpenFGA API, and in which organization: an organization's secret key, whose
 * organization is the only one whose stores it sees. `fga:check` allows queries and reads; `fga:write`
 * allows those and every change. Anything else is refused before the service is called.
 */
import type { FastifyRequest } from 'fastify';
import { INSTANCE_TENANT_ID } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';

export type FgaAccess = 'query' | 'change';

/** The organization the request acts in; throws `forbidden` for a caller the API is not open to. */
export function fgaOrgOf(request: FastifyRequest, access: FgaAccess): string {
  const principal = request.principal;
  if (principal?.kind !== 'api_key' || principal.orgId === INSTANCE_TENANT_ID) {
    throw new AppError('forbidden', {
      detail: 'The OpenFGA API takes an organization’s secret API key (sk_…) as its bearer token',
    });
  }
  const scopes = principal.scopes;
  const allowed = scopes.includes('fga:write') || (access === 'query' && scopes.includes('fga:check'));
  if (!allowed) {
    throw new AppError('forbidden', {
      detail:
        access === 'query'
          ? 'This key needs the fga:check or fga:write scope'
          : 'This key needs the fga:write scope',
    });
  }
  return principal.orgId;
}
