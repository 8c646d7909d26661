/**
 * Server-Sent Events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html): an event is
 * `id:`, `event:` and `data:` lines ended by a blank line; a line starting with `:` is a comment, which
 * keeps idle connections (and the proxies between) alive without waking the client's handlers.
 */

/**
 * One event; an `id` becomes the client's Last-Event-ID. `data` must not hold a newline (JSON.stringify
 * never writes one).
 */
export function sseEvent(event: { id?: number; event: string; data: string }): string {
  const id = event.id === undefined ? '' : `id: ${event.id}\n`;
  return `${id}event: ${event.event}\ndata: ${event.data}\n\n`;
}

/** How long an EventSource waits before reconnecting after the stream ends (ms). */
export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}

export const SSE_HEARTBEAT = ': heartbeat\n\n';
