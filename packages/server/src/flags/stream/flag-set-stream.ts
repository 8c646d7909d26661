/**
 * One client's flag-set stream: the environment's whole FlagSet as an SSE `flag-set` event (id = the
 * flag-set version) when the client does not have it yet, then again at every version the change feed
 * announces, and a heartbeat comment in between. A client resuming with `Last-Event-ID: <version>` is
 * sent nothing until a newer version exists. Versions only go up on one stream.
 */
import { PassThrough } from 'node:stream';
import type { FlagSet } from '@keystone/flags';
import { AppError } from '../../platform/errors/app-error.ts';
import type { FlagService } from '../service/flag-service.ts';
import { SSE_HEARTBEAT, sseEvent, sseRetry } from './sse-frames.ts';

export type FlagSetSource = Pick<FlagService, 'flagSet' | 'feed'>;

export type FlagSetStreamOptions = {
  heartbeatMs: number;
  /** What an EventSource should wait before reconnecting. */
  retryMs: number;
  /** A failure that is not the client's (the database, a bug); the stream ends and the client reconnects. */
  onError: (error: unknown) => void;
};

/** A client that reads this far behind (a whole set per change, unread) is cut off; it resumes later. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Each set is serialized once, however many clients it is sent to. */
const serialized = new WeakMap<FlagSet, string>();
function serialize(set: FlagSet): string {
  let text = serialized.get(set);
  if (text === undefined) {
    text = JSON.stringify(set);
    serialized.set(set, text);
  }
  return text;
}

export class FlagSetStream {
  /** The response body. */
  readonly body = new PassThrough();
  readonly #source: FlagSetSource;
  readonly #environment: string;
  readonly #options: FlagSetStreamOptions;
  /** The newest version the client has: sent here, or named in Last-Event-ID (-1: none yet). */
  #sent: number;
  #started = false;
  #closed = false;
  #pushing = false;
  #again = false;
  #heartbeat: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(source: FlagSetSource, environment: string, resumeFrom: number, options: FlagSetStreamOptions) {
    this.#source = source;
    this.#environment = environment;
    this.#sent = resumeFrom;
    this.#options = options;
  }

  /**
   * Listens for changes, then reads the current set: a failure here (an unknown environment) is thrown
   * before the response starts, so the client gets a problem, not a stream.
   */
  async start(): Promise<void> {
    this.#unsubscribe = this.#source.feed.subscribe(() => this.#changed());
    let set: FlagSet;
    try {
      set = await this.#source.flagSet(this.#environment);
    } catch (error) {
      this.close();
      throw error;
    }
    this.#write(sseRetry(this.#options.retryMs));
    this.#send(set);
    this.#started = true;
    this.#heartbeat = setInterval(() => this.#write(SSE_HEARTBEAT), this.#options.heartbeatMs);
    this.#heartbeat.unref();
    // A change announced while the first set was read.
    if (this.#source.feed.latest > this.#sent) this.#changed();
  }

  /** Ends the stream (client gone, server closing, or a failure). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.#unsubscribe?.();
    this.body.end();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** One push at a time; changes heard during a push make one more. */
  #changed(): void {
    if (this.#closed) return;
    if (!this.#started || this.#pushing) {
      this.#again = true;
      return;
    }
    this.#pushing = true;
    this.#again = false;
    this.#pushLatest().finally(() => {
      this.#pushing = false;
      if (this.#again) this.#changed();
    });
  }

  async #pushLatest(): Promise<void> {
    try {
      // The cache may answer a load that began before the announced version committed: read again.
      for (let attempt = 0; attempt < 3 && !this.#closed; attempt++) {
        const set = await this.#source.flagSet(this.#environment);
        this.#send(set);
        if (this.#source.feed.latest <= set.version) return;
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  #send(set: FlagSet): void {
    if (this.#closed || set.version <= this.#sent) return;
    this.#sent = set.version;
    this.#write(sseEvent({ id: set.version, event: 'flag-set', data: serialize(set) }));
  }

  #write(text: string): void {
    if (this.#closed) return;
    this.body.write(text);
    if (this.body.writableLength > MAX_BUFFERED_BYTES) this.close();
  }

  /** The environment was deleted (the client is told why), or something failed: the stream ends. */
  #fail(error: unknown): void {
    if (error instanceof AppError) {
      this.#write(sseEvent({ event: 'error', data: JSON.stringify({ code: error.code }) }));
    } else {
      this.#options.onError(error);
    }
    this.close();
  }
}
