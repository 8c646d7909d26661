import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { erfc, mannWhitneyU } from './mann-whitney.ts';

// Reference values from scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=False).
describe('Mann-Whitney U', () => {
  const close = (actual: number, expected: number, relative = 1e-5) =>
    assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${actual} ≉ ${expected}`);

  it('matches scipy on separated groups, with ties, and with repeated values', () => {
    const separated = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    assert.equal(separated.u, 0);
    close(separated.p, 0.009023438818080326);
    const ties = mannWhitneyU([1.5, 2, 2, 3, 7, 8], [2, 4, 4, 5, 9, 10, 11]);
    assert.equal(ties.u, 10);
    close(ties.p, 0.1135733822177233);
    const repeated = mannWhitneyU([3, 1, 4, 1, 5, 9, 2, 6], [5, 3, 5, 8, 9, 7, 9, 3]);
    assert.equal(repeated.u, 17);
    close(repeated.p, 0.1117012776004884);
  });

  it('is symmetric, says nothing for identical groups, and reaches tiny p-values', () => {
    assert.equal(mannWhitneyU([1, 2, 3], [1, 2, 3]).p, 1);
    assert.equal(mannWhitneyU([4, 4], [4, 4]).p, 1);
    const a = Array.from({ length: 60 }, (_, i) => i);
    const b = a.map((v) => v + 100);
    close(mannWhitneyU(a, b).p, mannWhitneyU(b, a).p, 1e-12);
    assert.ok(mannWhitneyU(a, b).p < 1e-15);
  });

  it('erfc matches known values', () => {
    close(erfc(0), 1);
    close(erfc(1), 0.15729920705028513);
    close(erfc(-1), 1.8427007929497148);
    close(erfc(5), 1.5374597944280349e-12);
  });
});
