/**
 * OFREP's error answers as Keystone's problem+json: the RFC 9457 members with a stable Keystone code
 * (`flag_not_found`, `validation_failed`), and beside them OFREP's own `key`, `errorCode` and
 * `errorDetails`, which the OFREP providers read (they parse an error body whatever its JSON type).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorCodeInfo } from '../../platform/errors/codes.ts';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../../platform/errors/problem.ts';
import '../errors.ts';

/** The problem members an OFREP error body carries too (its response schemas extend with them). */
export const problemMembers = {
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().int().optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  trace_id: z.string().optional(),
};

export type OfrepErrorBody = { key?: string; errorCode: string; errorDetails?: string };

export function sendOfrepProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: 400 | 404,
  body: OfrepErrorBody,
): FastifyReply {
  const code = status === 404 ? 'flag_not_found' : 'validation_failed';
  const problem = buildProblem({
    code,
    status,
    title: errorCodeInfo(code).title,
    detail: body.errorDetails ?? body.errorCode,
    traceId: request.id,
    instance: request.url.split('?')[0],
  });
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, ...body });
}
