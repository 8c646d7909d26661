/**
 * The SDK's side of GET /v1/flags/stream: one Server-Sent Events connection at a time over fetch (Node
 * has no EventSource), handing each `flag-set` event's FlagSet on. When the stream fails or ends it
 * reconnects with exponential backoff and jitter, resuming with Last-Event-ID so the server re-sends
 * nothing the SDK has. A stream silent for three heartbeats is presumed dead and replaced.
 */
import type { FlagSet } from '@keystone/flags';
import { SseParser } from './sse-parser.ts';

export type FlagSetConnectionOptions = {
  /** The stream's URL, query included. */
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  minBackoffMs: number;
  maxBackoffMs: number;
  /** Nothing received (not even a heartbeat) for this long: reconnect. */
  idleTimeoutMs: number;
  onFlagSet(set: FlagSet): void;
  /** The server accepted the stream (200). */
  onConnected(): void;
  /** A connection attempt or an open stream failed; another attempt follows unless closed. */
  onDisconnected(error: StreamDisconnected): void;
};

/** Why the stream is down: `status` and `code` when the server refused it with a problem. */
export class StreamDisconnected extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;
  constructor(message: string, options: { status?: number; code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StreamDisconnected';
    this.status = options.status;
    this.code = options.code;
  }

  /** Refused for a reason retrying will not fix (credential, scope, environment): not 408/429/5xx. */
  get refused(): boolean {
    return (
      this.status !== undefined &&
      this.status >= 400 &&
      this.status < 500 &&
      ![408, 429].includes(this.status)
    );
  }
}

export class FlagSetConnection {
  readonly #options: FlagSetConnectionOptions;
  #lastEventId: string | undefined;
  #closed = false;
  #failures = 0;
  #abort: AbortController | undefined;
  #wake: (() => void) | undefined;

  constructor(options: FlagSetConnectionOptions) {
    this.#options = options;
  }

  start(): void {
    void this.#run();
  }

  close(): void {
    this.#closed = true;
    this.#abort?.abort();
    this.#wake?.();
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      try {
        await this.#stream();
        if (!this.#closed)
          this.#options.onDisconnected(new StreamDisconnected('the server ended the stream'));
      } catch (error) {
        if (this.#closed) return;
        this.#failures += 1;
        this.#options.onDisconnected(
          error instanceof StreamDisconnected
            ? error
            : new StreamDisconnected(`the flag stream failed: ${(error as Error).message}`, { cause: error }),
        );
      }
      await this.#sleep(this.#backoffMs());
    }
  }

  /** Full jitter over an exponential ceiling: many SDKs cut off together do not return together. */
  #backoffMs(): number {
    const { minBackoffMs, maxBackoffMs } = this.#options;
    const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.min(this.#failures, 20));
    return minBackoffMs / 2 + Math.random() * (ceiling - minBackoffMs / 2);
  }

  async #stream(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const headers: Record<string, string> = { ...this.#options.headers, accept: 'text/event-stream' };
    if (this.#lastEventId !== undefined) headers['last-event-id'] = this.#lastEventId;
    let idle: NodeJS.Timeout | undefined;
    const watch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(new Error('no heartbeat')), this.#options.idleTimeoutMs);
      idle.unref?.();
    };
    try {
      watch();
      const response = await this.#options.fetch(this.#options.url, { headers, signal: abort.signal });
      if (!response.ok || !response.body) throw await refusal(response);
      this.#failures = 0;
      this.#options.onConnected();
      const parser = new SseParser({
        onEvent: (event) => {
          if (event.type === 'flag-set') {
            this.#options.onFlagSet(JSON.parse(event.data) as FlagSet);
            // Only once the set is taken: a set that fails to parse is asked for again.
            this.#lastEventId = event.lastEventId;
          } else if (event.type === 'error') {
            throw new StreamDisconnected(`the server ended the stream: ${event.data}`);
          }
        },
      });
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        watch();
        parser.push(chunk);
      }
    } finally {
      clearTimeout(idle);
      abort.abort();
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}

async function refusal(response: Response): Promise<StreamDisconnected> {
  let code: string | undefined;
  let detail = '';
  try {
    const problem = (await response.json()) as { code?: string; detail?: string };
    code = problem.code;
    detail = problem.detail ? `: ${problem.detail}` : '';
  } catch {
    // Not a problem+json body (a proxy's page): the status says enough.
  }
  return new StreamDisconnected(`the flag stream was refused (${response.status} ${code ?? ''})${detail}`, {
    status: response.status,
    ...(code !== undefined ? { code } : {}),
  });
}
