import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInFlight } from './in-flight.ts';

describe('in-flight holds', () => {
  it('counts holds per key until each is released', () => {
    const inFlight = createInFlight();
    inFlight.hold('a');
    inFlight.hold('a');
    inFlight.hold('b');
    assert.deepEqual([inFlight.count('a'), inFlight.count('b'), inFlight.count('c')], [2, 1, 0]);
    inFlight.release('a');
    inFlight.release('b');
    inFlight.release('b'); // one release too many changes nothing
    assert.deepEqual([inFlight.count('a'), inFlight.count('b')], [1, 0]);
    inFlight.release('a');
    inFlight.hold('b');
    assert.deepEqual([inFlight.count('a'), inFlight.count('b')], [0, 1]);
  });

  it('forgets a key whose last hold is stale, so a lost release cannot keep it shut', () => {
    const clock = { now: 0 };
    const inFlight = createInFlight({ staleMs: 1_000, now: () => clock.now });
    inFlight.hold('a');
    clock.now = 600;
    inFlight.hold('a'); // a new hold keeps the key fresh
    clock.now = 1_500;
    assert.equal(inFlight.count('a'), 2);
    clock.now = 1_601;
    assert.equal(inFlight.count('a'), 0);
    inFlight.hold('a');
    assert.equal(inFlight.count('a'), 1);
  });

  it('drops the oldest key past its size bound', () => {
    const inFlight = createInFlight({ maxKeys: 2 });
    for (const key of ['a', 'b', 'c']) inFlight.hold(key);
    assert.deepEqual(
      ['a', 'b', 'c'].map((key) => inFlight.count(key)),
      [0, 1, 1],
    );
  });
});
