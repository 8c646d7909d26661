import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

/**
 * Fastify gives every request a child logger carrying its request id. Making
 * one costs a pino child (its bindings serialized) on every request, though
 * most requests never log anything but the access line (which logger.ts writes
 * itself). This stand-in makes the real child on the first use, so a request
 * that logs nothing pays only for this small object.
 */
class LazyChildLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }

  get level(): string {
    return this.#child?.level ?? this.#parent.level;
  }
  set level(level: string) {
    this.#real().level = level;
  }
  fatal(...args: unknown[]): void {
    (this.#real().fatal as (...a: unknown[]) => void)(...args);
  }
  error(...args: unknown[]): void {
    (this.#real().error as (...a: unknown[]) => void)(...args);
  }
  warn(...args: unknown[]): void {
    (this.#real().warn as (...a: unknown[]) => void)(...args);
  }
  info(...args: unknown[]): void {
    (this.#real().info as (...a: unknown[]) => void)(...args);
  }
  debug(...args: unknown[]): void {
    (this.#real().debug as (...a: unknown[]) => void)(...args);
  }
  trace(...args: unknown[]): void {
    (this.#real().trace as (...a: unknown[]) => void)(...args);
  }
  silent(...args: unknown[]): void {
    (this.#real().silent as (...a: unknown[]) => void)(...args);
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: a request logger that becomes a pino child when first used. */
export function lazyChildLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}
