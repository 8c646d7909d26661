import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type AuditFilter,
  exportAuditEntries,
  searchAuditEntries,
  verifyOrgAuditChain,
} from '../../../platform/audit/index.ts';
import type { Database } from '../../../platform/db/database.ts';
import { requireAuditLogAccess } from './audit-log-access.ts';
import {
  auditPageSchema,
  exportQuery,
  listQuery,
  ndjsonExport,
  noQuery,
  orgParams,
  verifyResultSchema,
} from './audit-log-schemas.ts';

type FilterQuery = {
  actor_id?: string | undefined;
  actor_type?: AuditFilter['actorType'];
  action?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
};

const filterOf = (query: FilterQuery): AuditFilter => ({
  actorId: query.actor_id,
  actorType: query.actor_type,
  action: query.action,
  since: query.since === undefined ? undefined : new Date(query.since),
  until: query.until === undefined ? undefined : new Date(query.until),
});

/**
 * An organization's audit log: list (filtered, newest first by default), verify,
 * and export as NDJSON. The platform's audit service reads and verifies; this
 * module decides who may (requireAuditLogAccess).
 */
export function auditLogRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit'];

    app.get(
      '/v1/organizations/:orgId/audit-log',
      {
        schema: {
          tags,
          summary:
            'Audit entries, newest first (order=asc: chain order), filtered by actor, action and time (audit:view)',
          params: orgParams,
          querystring: listQuery,
          response: { 200: auditPageSchema },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        await requireAuditLogAccess(request, orgId);
        const { order, cursor, limit } = request.query;
        const page = await searchAuditEntries(database, orgId, {
          filter: filterOf(request.query),
          order,
          cursor,
          limit,
        });
        return { data: page.entries, next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/organizations/:orgId/audit-log/verify',
      {
        schema: {
          tags,
          summary: 'Recompute the hash chain and report the first broken link (audit:view)',
          params: orgParams,
          querystring: noQuery,
          response: { 200: verifyResultSchema },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        await requireAuditLogAccess(request, orgId);
        const verdict = await verifyOrgAuditChain(database, orgId);
        return {
          org_id: verdict.org_id,
          ok: verdict.ok,
          entries_verified: verdict.entries_verified,
          head: verdict.head,
          first_break: verdict.first_break,
        };
      },
    );

    app.get(
      '/v1/organizations/:orgId/audit-log/export',
      {
        schema: {
          tags,
          summary:
            'Export audit entries as NDJSON (application/x-ndjson) in chain order, streamed (audit:view)',
          params: orgParams,
          querystring: exportQuery,
          produces: ['application/x-ndjson'],
          response: { 200: { content: { 'application/x-ndjson': { schema: ndjsonExport } } } },
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        await requireAuditLogAccess(request, orgId);
        const entries = exportAuditEntries(database, orgId, {
          filter: filterOf(request.query),
          afterSeq: request.query.after_seq,
        });
        // The first page is read before the status is sent, so a failure there is still a problem+json.
        const first = await entries.next();
        async function* lines() {
          if (first.done) return;
          yield `${JSON.stringify(first.value)}\n`;
          for await (const entry of entries) yield `${JSON.stringify(entry)}\n`;
        }
        reply.type('application/x-ndjson; charset=utf-8');
        // The schema documents the body as text; Fastify streams a Readable as-is, unserialized.
        return reply.send(Readable.from(lines()) as unknown as string);
      },
    );
  };
}
