import type { SegmentDefinition } from '@keystone/flags';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf } from '../../platform/audit/index.ts';
import type { FlagService } from '../service/flag-service.ts';
import { segmentDefinition } from './definition-schemas.ts';
import { requireFlagAdmin } from './flag-caller.ts';
import { decodeCursor, page, presentSegment, presentSegmentVersion } from './present.ts';
import {
  flagParams,
  noContent,
  noQuery,
  pageQuery,
  segmentPage,
  segmentResponse,
  segmentVersionList,
} from './schemas.ts';

const versionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Segments: reusable sets of contexts that flag rules name with `segment_match`. */
export function segmentRoutes(flags: FlagService): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/v1/flag-segments/:key',
      {
        schema: {
          tags: ['flags'],
          summary: 'Create a segment or replace its definition; a new version',
          params: flagParams,
          querystring: noQuery,
          body: segmentDefinition,
          response: { 200: segmentResponse, 201: segmentResponse },
        },
      },
      async (request, reply) => {
        requireFlagAdmin(request);
        const outcome = await flags.putSegment(
          request.params.key,
          request.body as SegmentDefinition,
          auditContextOf(request),
        );
        return reply
          .code(outcome.created ? 201 : 200)
          .send(presentSegment(outcome.segment, outcome.flagSetVersion));
      },
    );

    app.get(
      '/v1/flag-segments/:key',
      {
        schema: {
          tags: ['flags'],
          summary: 'Read a segment',
          params: flagParams,
          querystring: noQuery,
          response: { 200: segmentResponse },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        return presentSegment(await flags.getSegment(request.params.key));
      },
    );

    app.get(
      '/v1/flag-segments',
      {
        schema: {
          tags: ['flags'],
          summary: 'List segments in key order, a page at a time',
          querystring: pageQuery,
          response: { 200: segmentPage },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        const { limit, cursor } = request.query;
        const items = await flags.listSegments(limit + 1, decodeCursor(cursor, 'string'));
        const { shown, next_cursor } = page(items, limit, (segment) => segment.key);
        return { data: shown.map((segment) => presentSegment(segment)), next_cursor };
      },
    );

    app.get(
      '/v1/flag-segments/:key/versions',
      {
        schema: {
          tags: ['flags'],
          summary: 'A segment’s versions, newest first',
          params: flagParams,
          querystring: versionsQuery,
          response: { 200: segmentVersionList },
        },
      },
      async (request) => {
        requireFlagAdmin(request);
        const versions = await flags.listSegmentVersions(request.params.key, request.query.limit);
        return { data: versions.map(presentSegmentVersion) };
      },
    );

    app.delete(
      '/v1/flag-segments/:key',
      {
        schema: {
          tags: ['flags'],
          summary: 'Delete a segment (refused, naming the flags, while a flag uses it)',
          params: flagParams,
          querystring: noQuery,
          response: noContent,
        },
      },
      async (request, reply) => {
        requireFlagAdmin(request);
        await flags.deleteSegment(request.params.key, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
