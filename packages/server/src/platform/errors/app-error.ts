import { errorCodeInfo } from './codes.ts';

/** One field at fault in a request, as a JSON pointer-ish path and a message. */
export type FieldError = {
  field: string;
  location: 'body' | 'query' | 'params' | 'headers';
  message: string;
};

export type AppErrorOptions = {
  detail?: string;
  fields?: FieldError[];
  headers?: Record<string, string>;
  /** Extra members for the problem body (RFC 9457 extensions). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
};

/**
 * The one error type modules throw. Modules pick a stable code; the status and
 * title come from the code registry, so modules never choose HTTP statuses.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(code: string, options: AppErrorOptions = {}) {
    const info = errorCodeInfo(code);
    super(options.detail ?? info.title, { cause: options.cause });
    this.code = code;
    this.status = info.status;
    this.title = info.title;
    this.detail = options.detail;
    this.fields = options.fields;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

export const notFound = (detail?: string) => new AppError('not_found', { detail });
export const forbidden = (detail?: string) => new AppError('forbidden', { detail });
export const unauthenticated = (detail?: string) => new AppError('unauthenticated', { detail });
export const conflict = (detail?: string) => new AppError('conflict', { detail });
