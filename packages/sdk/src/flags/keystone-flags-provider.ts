/**
 * KeystoneFlagsProvider: an OpenFeature server provider that evaluates Keystone flags locally. It
 * downloads the environment's flag set from the server's SSE stream (GET /v1/flags/stream), compiles it
 * once per flag-set version with @keystone/flags, and keeps it current from the same stream: a kill
 * reaches it as the next event. While disconnected it serves the last set it has (ProviderEvents.Stale,
 * or Error when the server refuses the key) and reconnects with backoff, resuming from its version.
 */
import {
  compileFlagSet,
  type EvaluationContext as FlagContext,
  type FlagSet,
  type FlagSetEvaluator,
  type FlagType,
  type FlagValue,
} from '@keystone/flags';
import {
  type ErrorCode,
  type EvaluationContext,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import { FlagSetConnection, type StreamDisconnected } from './flag-set-connection.ts';

export type KeystoneFlagsProviderOptions = {
  /** The Keystone server, e.g. `https://keystone.example.com`. */
  baseUrl: string;
  /** An instance secret key with `flags:evaluate` bound to a flag environment (its `flags_environment`). */
  secretKey: string;
  /** The environment, for a key not bound to one (an instance admin key); a bound key's must match. */
  environment?: string;
  /** initialize() fails if no flag set arrived in this time (default 10 s). */
  initTimeoutMs?: number;
  /** Reconnection backoff bounds (defaults 250 ms, 30 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** The server's heartbeat is every 15 s: silence this long means a dead connection (default 45 s). */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
};

export class KeystoneFlagsProvider implements Provider {
  readonly metadata = { name: 'keystone-flags' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  readonly #options: KeystoneFlagsProviderOptions;
  #connection: FlagSetConnection | undefined;
  #evaluator: FlagSetEvaluator | undefined;
  /** Each flag's definition as JSON, to name the flags a new version changed. */
  #definitions = new Map<string, string>();
  #stale = false;
  #firstSet: { resolve(): void; reject(error: Error): void } | undefined;

  constructor(options: KeystoneFlagsProviderOptions) {
    this.#options = options;
  }

  /** The flag-set version evaluations use (undefined before the first set). */
  get flagSetVersion(): number | undefined {
    return this.#evaluator?.version;
  }

  initialize(): Promise<void> {
    this.#connection?.close();
    const { baseUrl, environment } = this.#options;
    const url = new URL('/v1/flags/stream', baseUrl);
    if (environment !== undefined) url.searchParams.set('environment', environment);
    const ready = new Promise<void>((resolve, reject) => {
      this.#firstSet = { resolve, reject };
    });
    const connection = new FlagSetConnection({
      url: url.href,
      headers: { authorization: `Bearer ${this.#options.secretKey}` },
      fetch: this.#options.fetch ?? fetch,
      minBackoffMs: this.#options.minBackoffMs ?? 250,
      maxBackoffMs: this.#options.maxBackoffMs ?? 30_000,
      idleTimeoutMs: this.#options.idleTimeoutMs ?? 45_000,
      onFlagSet: (set) => this.#received(set),
      onConnected: () => this.#connected(),
      onDisconnected: (error) => this.#disconnected(error),
    });
    this.#connection = connection;
    connection.start();
    const timeoutMs = this.#options.initTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no flag set from ${baseUrl} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([ready, timeout]).then(
      () => clearTimeout(timer),
      (error: unknown) => {
        clearTimeout(timer);
        connection.close();
        throw error;
      },
    );
  }

  async onClose(): Promise<void> {
    this.#connection?.close();
    this.#connection = undefined;
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext) {
    return Promise.resolve(this.#evaluate(flagKey, 'boolean', defaultValue, context));
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext) {
    return Promise.resolve(this.#evaluate(flagKey, 'string', defaultValue, context));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext) {
    return Promise.resolve(this.#evaluate(flagKey, 'number', defaultValue, context));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext) {
    return Promise.resolve(this.#evaluate(flagKey, 'json', defaultValue as FlagValue, context)) as Promise<
      ResolutionDetails<T>
    >;
  }

  /** Local evaluation against the current set; synchronous underneath (no I/O). */
  evaluate<T extends FlagValue>(
    flagKey: string,
    type: FlagType,
    defaultValue: T,
    context: EvaluationContext,
  ): ResolutionDetails<T> {
    return this.#evaluate(flagKey, type, defaultValue, context);
  }

  #evaluate<T extends FlagValue>(
    flagKey: string,
    type: FlagType,
    defaultValue: T,
    context: EvaluationContext,
  ): ResolutionDetails<T> {
    const evaluator = this.#evaluator;
    if (!evaluator) {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: 'PROVIDER_NOT_READY' as ErrorCode,
        errorMessage: 'no flag set yet',
      };
    }
    const result = evaluator.evaluate(flagKey, type, defaultValue, context as FlagContext);
    return {
      value: result.value,
      reason: result.reason,
      ...(result.variant !== undefined ? { variant: result.variant } : {}),
      ...(result.errorCode !== undefined ? { errorCode: result.errorCode as ErrorCode } : {}),
      ...(result.errorMessage !== undefined ? { errorMessage: result.errorMessage } : {}),
      ...(result.flagMetadata !== undefined ? { flagMetadata: result.flagMetadata } : {}),
    };
  }

  #received(set: FlagSet): void {
    const previous = this.#evaluator;
    if (previous && set.version <= previous.version) return;
    const evaluator = compileFlagSet(set);
    const definitions = new Map(set.flags.map((flag) => [flag.key, JSON.stringify(flag)]));
    const changed = new Set<string>();
    for (const [key, json] of definitions) if (this.#definitions.get(key) !== json) changed.add(key);
    for (const key of this.#definitions.keys()) if (!definitions.has(key)) changed.add(key);
    this.#evaluator = evaluator;
    this.#definitions = definitions;
    if (this.#firstSet) {
      this.#firstSet.resolve();
      this.#firstSet = undefined;
    } else if (changed.size > 0) {
      this.events.emit(ProviderEvents.ConfigurationChanged, {
        flagsChanged: [...changed],
        metadata: { flagSetVersion: set.version },
      });
    }
  }

  #connected(): void {
    if (!this.#stale) return;
    this.#stale = false;
    this.events.emit(ProviderEvents.Ready, { message: 'the flag stream is back' });
  }

  #disconnected(error: StreamDisconnected): void {
    if (this.#firstSet) {
      // Before the first set: a refusal fails initialize() at once; anything else is retried.
      if (error.refused) {
        this.#firstSet.reject(error);
        this.#firstSet = undefined;
      }
      return;
    }
    if (error.refused) {
      this.events.emit(ProviderEvents.Error, { message: error.message });
      this.#stale = true;
    } else if (!this.#stale) {
      this.#stale = true;
      this.events.emit(ProviderEvents.Stale, { message: error.message });
    }
  }
}
