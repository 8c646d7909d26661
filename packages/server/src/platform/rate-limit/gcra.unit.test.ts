import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decide,
  describe as describeOutcome,
  emissionIntervalMs,
  peek,
  type RateLimitPolicy,
} from './gcra.ts';

const T0 = 1_700_000_000_000;
const perMinute = (limit: number): RateLimitPolicy => ({ name: 'test', limit, windowSeconds: 60 });

/** Runs requests at the given offsets (ms from T0) and returns each decision. */
function run(policy: RateLimitPolicy, offsets: number[]) {
  let tat: number | undefined;
  return offsets.map((offset) => {
    const result = decide(tat, policy, T0 + offset);
    tat = result.tat;
    return result.decision;
  });
}

describe('GCRA engine', () => {
  it('lets a burst of exactly `limit` through, then refuses', () => {
    const decisions = run(perMinute(5), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(
      decisions.map((d) => d.allowed),
      [true, true, true, true, true, false, false],
    );
    assert.deepEqual(
      decisions.map((d) => d.remaining),
      [4, 3, 2, 1, 0, 0, 0],
    );
  });

  it('reports the time to full reset and, when refused, the time to the next allowed request', () => {
    const [first, , , , , refused] = run(perMinute(5), [0, 0, 0, 0, 0, 0]);
    assert.equal(first?.resetSeconds, 12); // one request spent: 60 s / 5 to earn it back
    assert.equal(refused?.allowed, false);
    assert.equal(refused?.resetSeconds, 60);
    assert.equal(refused?.retryAfterSeconds, 12);
  });

  it('earns one request back per emission interval, never more than the burst', () => {
    const policy = perMinute(5);
    assert.equal(emissionIntervalMs(policy), 12_000);
    const decisions = run(policy, [0, 0, 0, 0, 0, 11_999, 12_000, 12_001]);
    assert.deepEqual(
      decisions.slice(5).map((d) => d.allowed),
      [false, true, false],
    );
    // After a long idle period the bucket is full again, but not fuller.
    const later = run(policy, [0, 3_600_000, 3_600_000, 3_600_000, 3_600_000, 3_600_000, 3_600_000]);
    assert.equal(later.filter((d) => d.allowed).length, 6); // 1 long ago + a fresh burst of 5
  });

  it('holds the sustained rate: at most limit + elapsed/interval over any stretch', () => {
    const policy = perMinute(10); // one per 6 s
    const offsets = Array.from({ length: 600 }, (_, i) => i * 500); // a request every 0.5 s for 300 s
    const allowed = run(policy, offsets).filter((d) => d.allowed).length;
    assert.equal(allowed, 10 + Math.floor(299_500 / 6_000));
  });

  it('does not charge refused requests', () => {
    const policy = perMinute(2);
    const hammering = run(policy, [0, 0, ...Array(50).fill(1), 30_000]);
    assert.equal(hammering.at(-1)?.allowed, true);
  });

  it('rounds intervals to whole milliseconds without losing the burst', () => {
    const policy = perMinute(7); // 8571.43 ms → 8572 ms
    assert.equal(emissionIntervalMs(policy), 8572);
    const decisions = run(policy, Array(8).fill(0));
    assert.equal(decisions.filter((d) => d.allowed).length, 7);
  });

  it('treats a clock step backwards as "no time passed"', () => {
    const policy = perMinute(2);
    const decisions = run(policy, [10_000, 10_000, 0, 5_000]);
    assert.deepEqual(
      decisions.map((d) => d.allowed),
      [true, true, false, false],
    );
  });

  it('peeks without counting: the answer the next request would get, at no cost', () => {
    const policy = perMinute(3);
    let tat: number | undefined;
    // Peeking any number of times leaves the whole burst.
    for (let i = 0; i < 10; i++) assert.equal(peek(tat, policy, T0).allowed, true);
    for (let i = 0; i < 3; i++) {
      const looked = peek(tat, policy, T0);
      const counted = decide(tat, policy, T0);
      // A peek sees exactly what counting would decide, state included.
      assert.deepEqual(describeOutcome(policy, looked, T0), counted.decision);
      assert.equal(looked.tat, counted.tat);
      tat = counted.tat;
    }
    const over = peek(tat, policy, T0 + 1);
    assert.equal(over.allowed, false);
    assert.deepEqual(describeOutcome(policy, over, T0 + 1), decide(tat, policy, T0 + 1).decision);
    // Once one interval (20 s) is earned back, the peek says yes again.
    assert.equal(peek(tat, policy, T0 + 20_000).allowed, true);
  });
});
