/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, by the normal
 * approximation with the tie correction and no continuity correction (as
 * scipy.stats.mannwhitneyu(method='asymptotic', use_continuity=False)). Rank-based,
 * so a few very slow samples (a GC pause, a busy neighbour) cannot carry it.
 * Good for groups of about 20 or more each.
 */
export type MannWhitneyResult = {
  /** U of the first group: how often one of its values exceeds one of the second's (ties count half). */
  u: number;
  z: number;
  /** Two-sided p-value. */
  p: number;
};

export function mannWhitneyU(first: number[], second: number[]): MannWhitneyResult {
  const n1 = first.length;
  const n2 = second.length;
  if (n1 === 0 || n2 === 0) throw new Error('both groups need values');
  const all = [
    ...first.map((value) => ({ value, first: true })),
    ...second.map((value) => ({ value, first: false })),
  ];
  all.sort((a, b) => a.value - b.value);
  let rankSumFirst = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.value === all[i]?.value) j++;
    const rank = (i + j) / 2 + 1; // ties share the mean of their ranks
    const size = j - i + 1;
    tieTerm += size ** 3 - size;
    for (let k = i; k <= j; k++) if (all[k]?.first) rankSumFirst += rank;
    i = j + 1;
  }
  const u = rankSumFirst - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance === 0) return { u, z: 0, p: 1 };
  const z = (u - mean) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/** Complementary error function (Numerical Recipes' erfcc): relative error below 1.2e-7, fine in the tails. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
