import type { FastifyRequest } from 'fastify';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { RequestAuditContext } from '../../platform/audit/service/request-audit-context.ts';

/** Where a request came from, as sessions record it and the audit log shows it. */
export type ClientContext = {
  ip: string | null;
  userAgent: string | null;
  audit: RequestAuditContext;
};

export function clientContextOf(request: FastifyRequest): ClientContext {
  const audit = auditContextOf(request);
  return { ip: audit.ip ?? null, userAgent: audit.userAgent ?? null, audit };
}
