/**
 * Who may manage flags: they belong to the instance, so an operator key or an instance API key with the
 * `admin` scope. Organization keys, publishable keys and users are refused.
 */
import type { FastifyRequest } from 'fastify';
import { INSTANCE_TENANT_ID } from '../../platform/db/instance-tenant.ts';
import { AppError } from '../../platform/errors/app-error.ts';

export function requireFlagAdmin(request: FastifyRequest): void {
  const principal = request.principal;
  if (principal?.kind === 'operator') return;
  if (
    principal?.kind === 'api_key' &&
    principal.orgId === INSTANCE_TENANT_ID &&
    principal.scopes.includes('admin')
  ) {
    return;
  }
  throw new AppError('forbidden', {
    detail: 'Flags are managed by an operator or an instance API key with the admin scope',
  });
}
