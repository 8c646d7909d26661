import type { FastifyRequest } from 'fastify';
import type { AuditEntryInput } from './append-entry.ts';

export type RequestAuditContext = Pick<AuditEntryInput, 'actor' | 'ip' | 'userAgent' | 'traceId'>;

const MAX_USER_AGENT = 512;

/**
 * The request-derived part of an audit entry: who (the principal; `system` when
 * no one is signed in), from where, and the trace id. Modules record in one line:
 * `appendAuditEntry(scope, { ...auditContextOf(request), action: 'member.invited', target })`.
 */
export function auditContextOf(request: FastifyRequest): RequestAuditContext {
  const principal = request.principal;
  const userAgent = request.headers['user-agent'];
  return {
    actor: principal ? { type: actorType(principal.kind), id: principal.id } : { type: 'system', id: null },
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT) : null,
    traceId: request.id,
  };
}

/** Both kinds of API key act as `api_key` in the audit log; the key id tells which. */
function actorType(kind: NonNullable<FastifyRequest['principal']>['kind']): AuditEntryInput['actor']['type'] {
  return kind === 'publishable_key' ? 'api_key' : kind;
}
