import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { lazyChildLoggerFactory } from './lazy-child-logger.ts';

describe('lazy request logger', () => {
  it('makes the pino child only when the request logs, and the lines carry its bindings', () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const root = pino({ level: 'info' }, sink);
    let children = 0;
    const child = root.child.bind(root);
    root.child = ((...args: Parameters<typeof root.child>) => {
      children++;
      return child(...args);
    }) as typeof root.child;

    const quiet = lazyChildLoggerFactory(root as unknown as FastifyBaseLogger, { reqId: 'r1' }, {});
    assert.equal(quiet.level, 'info');
    assert.equal(children, 0, 'a request that logs nothing makes no child');

    const loud = lazyChildLoggerFactory(root as unknown as FastifyBaseLogger, { reqId: 'r2' }, {});
    loud.warn({ detail: 'x' }, 'something');
    loud.error('again');
    assert.equal(children, 1, 'one child, made on the first line');
    assert.deepEqual(
      lines.map((l) => [l.reqId, l.msg]),
      [
        ['r2', 'something'],
        ['r2', 'again'],
      ],
    );
  });
});
