import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SseEvent, SseParser } from './sse-parser.ts';

function parseAll(chunks: string[]) {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const parser = new SseParser({
    onEvent: (event) => events.push(event),
    onRetry: (ms) => retries.push(ms),
    onComment: (text) => comments.push(text),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { events, retries, comments, parser };
}

describe('SseParser', () => {
  const stream =
    'retry: 1000\n\nid: 7\nevent: flag-set\ndata: {"a":1}\n\n: heartbeat\n\ndata: x\ndata: y\n\n';

  it('parses events, ids, retry and comments', () => {
    const { events, retries, comments } = parseAll([stream]);
    assert.deepEqual(events, [
      { type: 'flag-set', data: '{"a":1}', lastEventId: '7' },
      { type: 'message', data: 'x\ny', lastEventId: '7' },
    ]);
    assert.deepEqual(retries, [1000]);
    assert.deepEqual(comments, ['heartbeat']);
  });

  it('gives the same events however the text is cut, with LF, CRLF or CR line ends', () => {
    const expected = parseAll([stream]).events;
    for (const ending of ['\n', '\r\n', '\r']) {
      const text = stream.replaceAll('\n', ending);
      for (let cut = 0; cut <= text.length; cut++) {
        assert.deepEqual(
          parseAll([text.slice(0, cut), text.slice(cut)]).events,
          expected,
          `${JSON.stringify(ending)} @${cut}`,
        );
      }
      assert.deepEqual(parseAll([...text]).events, expected, 'one character at a time');
    }
  });

  it('does not dispatch an unfinished event or one without data; an id with NUL is ignored', () => {
    const { events, parser } = parseAll(['id: 3\n\nid: 4\u0000\nevent: e\n\ndata: half']);
    assert.deepEqual(events, []);
    assert.equal(parser.lastEventId, '3');
  });
});
