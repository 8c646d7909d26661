import type { FastifyRequest } from 'fastify';
import { INSTANCE_TENANT_ID } from '../../../platform/db/instance-tenant.ts';
import { notAMember, requireOrgPermission } from '../../service/org-access.ts';

/**
 * Who reads a chain: an organization's, its members whose role grants
 * `audit:view`, its API keys with `orgs:read` (or `orgs:write`), and operators,
 * through the guard of every organization route. The instance's own chain
 * (users' security events) is the operators' alone; anyone else is told what a
 * stranger to an organization is told.
 */
export async function requireAuditLogAccess(request: FastifyRequest, orgId: string): Promise<void> {
  if (orgId === INSTANCE_TENANT_ID) {
    if (request.principal?.kind !== 'operator') throw notAMember();
    return;
  }
  await requireOrgPermission(request, orgId, 'audit:view');
}
