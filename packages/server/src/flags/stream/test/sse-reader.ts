/**
 * Reads a Server-Sent Events response in tests: the events one at a time (comments kept apart), so a
 * test can wait for the next one or the end of the stream.
 */
export type SseMessage = { id?: string; event: string; data: string };

export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ended = false;
  const comments: string[] = [];
  const retries: number[] = [];

  /** The next event, or undefined at the end of the stream. */
  async function next(): Promise<SseMessage | undefined> {
    for (;;) {
      const cut = buffer.indexOf('\n\n');
      if (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const message = parseBlock(block);
        if (message) return message;
        continue;
      }
      if (ended) return undefined;
      const { value, done } = await reader.read();
      if (done) ended = true;
      else buffer += value;
    }
  }

  function parseBlock(block: string): SseMessage | undefined {
    const message: SseMessage = { event: 'message', data: '' };
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line);
      else if (line.startsWith('retry: ')) retries.push(Number(line.slice(7)));
      else if (line.startsWith('id: ')) message.id = line.slice(4);
      else if (line.startsWith('event: ')) message.event = line.slice(7);
      else if (line.startsWith('data: ')) message.data = line.slice(6);
      else continue;
      if (!line.startsWith(':') && !line.startsWith('retry: ')) fields += 1;
    }
    return fields > 0 ? message : undefined;
  }

  return {
    next,
    /** The next event, which must be a flag-set: its id and the parsed set. */
    async nextFlagSet() {
      const message = await next();
      if (message?.event !== 'flag-set')
        throw new Error(`expected a flag-set event, got ${JSON.stringify(message)}`);
      return { id: message.id, set: JSON.parse(message.data) };
    },
    comments,
    retries,
    cancel: () => reader.cancel().catch(() => {}),
  };
}
