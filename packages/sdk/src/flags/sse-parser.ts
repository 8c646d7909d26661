/**
 * An incremental Server-Sent Events parser (the WHATWG "event stream interpretation"): feed it text as
 * it arrives, in chunks cut anywhere; it calls back once per dispatched event. Lines end in LF, CRLF or
 * CR; `data:` lines join with LF; a line starting with `:` is a comment; `id` sets the last event id
 * (kept across events, ignored if it holds NUL); `retry` sets the reconnection time.
 */
export type SseEvent = { type: string; data: string; lastEventId: string };

export type SseHandlers = {
  onEvent(event: SseEvent): void;
  onRetry?(ms: number): void;
  onComment?(text: string): void;
};

export class SseParser {
  readonly #handlers: SseHandlers;
  #buffer = '';
  /** The previous chunk ended in CR: an LF starting this one belongs to it. */
  #skipLf = false;
  #type = '';
  #data: string[] = [];
  #lastEventId = '';

  constructor(handlers: SseHandlers) {
    this.#handlers = handlers;
  }

  get lastEventId(): string {
    return this.#lastEventId;
  }

  push(chunk: string): void {
    let text = chunk;
    if (this.#skipLf && text.startsWith('\n')) text = text.slice(1);
    this.#skipLf = false;
    this.#buffer += text;
    let start = 0;
    for (;;) {
      const end = nextLineEnd(this.#buffer, start);
      if (end < 0) break;
      this.#line(this.#buffer.slice(start, end));
      if (this.#buffer[end] === '\r') {
        if (end + 1 === this.#buffer.length) {
          this.#skipLf = true;
          start = end + 1;
          break;
        }
        start = this.#buffer[end + 1] === '\n' ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    this.#buffer = this.#buffer.slice(start);
  }

  #line(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) {
      this.#handlers.onComment?.(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id') {
      if (!value.includes('\u0000')) this.#lastEventId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) this.#handlers.onRetry?.(Number(value));
  }

  #dispatch(): void {
    const type = this.#type || 'message';
    const data = this.#data;
    this.#type = '';
    this.#data = [];
    if (data.length === 0) return;
    this.#handlers.onEvent({ type, data: data.join('\n'), lastEventId: this.#lastEventId });
  }
}

function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}
