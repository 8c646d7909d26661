import type { KeystoneErrorCode } from './generated/error-codes.ts';

/** One field at fault in a `validation_failed` problem (the problem's `errors` list). */
export type ProblemField = {
  field: string;
  location: 'body' | 'query' | 'params' | 'headers';
  message: string;
};

/** An RFC 9457 problem as Keystone answers it (application/problem+json). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: KeystoneErrorCode;
  trace_id?: string;
  instance?: string;
  errors?: ProblemField[];
  [extension: string]: unknown;
};

/**
 * A problem answer from the server, thrown by every client call that fails.
 * `code` is the stable part to branch on; `detail` is for people.
 */
export class KeystoneApiError extends Error {
  readonly status: number;
  readonly code: KeystoneErrorCode;
  readonly title: string;
  readonly detail: string | undefined;
  /** The fields at fault (a `validation_failed` problem's `errors`), else empty. */
  readonly fields: ProblemField[];
  readonly traceId: string | undefined;
  /** Seconds to wait before retrying, from Retry-After (rate limits, 503s), when the server sent one. */
  readonly retryAfterSeconds: number | undefined;
  readonly problem: Problem;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'KeystoneApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fields = problem.errors ?? [];
    this.traceId = problem.trace_id;
    this.retryAfterSeconds = retryAfterSeconds;
    this.problem = problem;
  }
}

export function isKeystoneApiError(error: unknown, code?: KeystoneErrorCode): error is KeystoneApiError {
  return error instanceof KeystoneApiError && (code === undefined || error.code === code);
}

/**
 * The error for a failed response: the problem it carries, or (a proxy's HTML
 * page, an empty 502) a problem made from the status so callers see one shape.
 */
export async function errorFromResponse(response: Response): Promise<KeystoneApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = (await response
      .clone()
      .json()
      .catch(() => undefined)) as Partial<Problem> | undefined;
    if (body && typeof body.code === 'string' && typeof body.status === 'number') {
      return new KeystoneApiError(body as Problem, retryAfter);
    }
  }
  return new KeystoneApiError(
    {
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
      code: (response.status >= 500 ? 'internal_error' : 'bad_request') as KeystoneErrorCode,
    },
    retryAfter,
  );
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
