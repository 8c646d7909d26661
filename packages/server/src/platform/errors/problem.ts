import type { FieldError } from './app-error.ts';

/** RFC 9457 problem details, with Keystone's stable `code` and the request's trace id. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  trace_id: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
const TYPE_BASE = 'https://keystone.dev/errors/';

export function problemType(code: string): string {
  return `${TYPE_BASE}${code.replaceAll('_', '-')}`;
}

export function buildProblem(input: {
  code: string;
  status: number;
  title: string;
  detail?: string | undefined;
  traceId: string;
  instance?: string | undefined;
  fields?: FieldError[] | undefined;
  extensions?: Record<string, unknown> | undefined;
}): Problem {
  const problem: Problem = {
    ...input.extensions,
    type: problemType(input.code),
    title: input.title,
    status: input.status,
    code: input.code,
    trace_id: input.traceId,
  };
  if (input.detail) problem.detail = input.detail;
  if (input.instance) problem.instance = input.instance;
  if (input.fields) problem.errors = input.fields;
  return problem;
}
