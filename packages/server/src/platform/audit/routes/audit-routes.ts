import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireOrgAccess } from '../../auth/authentication.ts';
import type { Database } from '../../db/database.ts';
import { iterateAuditEntries, listAuditEntries } from '../service/read-entries.ts';
import { verifyOrgAuditChain } from '../service/verify-chain.ts';
import {
  auditPageSchema,
  exportQuery,
  listQuery,
  ndjsonExport,
  noQuery,
  orgParams,
  verifyResultSchema,
} from './schemas.ts';

/** Reading and verifying an organization's audit log. Thin: decode, authorize, call the service. */
export function auditRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/organizations/:orgId/audit-log',
      {
        schema: {
          tags: ['audit'],
          summary: 'List audit log entries in chain order, a page at a time',
          params: orgParams,
          querystring: listQuery,
          response: { 200: auditPageSchema },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        requireOrgAccess(request, orgId);
        const page = await listAuditEntries(database, orgId, {
          afterSeq: request.query.after_seq ?? 0,
          limit: request.query.limit,
        });
        return { data: page.entries, next_after_seq: page.nextAfterSeq };
      },
    );

    app.get(
      '/v1/organizations/:orgId/audit-log/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Recompute the hash chain and report the first broken link',
          params: orgParams,
          querystring: noQuery,
          response: { 200: verifyResultSchema },
        },
      },
      async (request) => {
        const { orgId } = request.params;
        requireOrgAccess(request, orgId);
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
          tags: ['audit'],
          summary: 'Export the audit log as NDJSON (application/x-ndjson), streamed',
          params: orgParams,
          querystring: exportQuery,
          produces: ['application/x-ndjson'],
          response: { 200: { content: { 'application/x-ndjson': { schema: ndjsonExport } } } },
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        requireOrgAccess(request, orgId);
        const entries = iterateAuditEntries(database, orgId, { afterSeq: request.query.after_seq ?? 0 });
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
