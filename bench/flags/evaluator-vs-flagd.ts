/**
 * Local flag evaluations per second: @keystone/flags' compiled evaluator against
 * @openfeature/flagd-core (flagd's in-process JsonLogic evaluator) on the same flag (banner-flag.ts),
 * in the same run, over 10,000 distinct contexts. Before timing, both must agree on every context a
 * rule decides, and their rollout shares must both be near 10%. Rounds alternate which side runs first
 * so drift on the machine hits both. `npm run bench:flags` measures the SDK provider the same way.
 *
 *   node bench/flags/evaluator-vs-flagd.ts        (BENCH_ROUNDS=5 BENCH_DURATION_SECONDS=2)
 */
import { FlagdCore } from '@openfeature/flagd-core';
import { compileFlagSet } from '../../packages/flags/src/index.ts';
import { positiveInt } from '../shared/bench-env.ts';
import {
  type BenchContext,
  checkAgreement,
  contexts,
  FLAG_KEY,
  flagdConfiguration,
  keystoneFlag,
} from './banner-flag.ts';
import { evaluationSink, measureSync, median } from './evaluation-rate.ts';

const rounds = positiveInt('BENCH_ROUNDS', 5);
const durationSeconds = positiveInt('BENCH_DURATION_SECONDS', 2);

const keystone = compileFlagSet({
  environment: 'production',
  version: 1,
  flags: [keystoneFlag],
  segments: [],
});
const flagd = new FlagdCore();
flagd.setConfigurations(JSON.stringify(flagdConfiguration));
const silent = { error() {}, warn() {}, info() {}, debug() {} };

const evaluateKeystone = (context: BenchContext) => keystone.evaluate(FLAG_KEY, 'string', 'default', context);
const evaluateFlagd = (context: BenchContext) =>
  flagd.resolveStringEvaluation(FLAG_KEY, 'default', context, silent);

console.log(checkAgreement(contexts.map(evaluateKeystone), contexts.map(evaluateFlagd)));
measureSync(evaluateKeystone, 1);
measureSync(evaluateFlagd, 1);
const ours: number[] = [];
const theirs: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const keystoneFirst = round % 2 === 1;
  if (keystoneFirst) ours.push(measureSync(evaluateKeystone, durationSeconds));
  theirs.push(measureSync(evaluateFlagd, durationSeconds));
  if (!keystoneFirst) ours.push(measureSync(evaluateKeystone, durationSeconds));
  const last = (list: number[]) => Math.round(list[list.length - 1] as number).toLocaleString('en');
  console.log(`round ${round}: keystone ${last(ours)}/s, flagd-core ${last(theirs)}/s`);
}
const ratio = median(ours) / median(theirs);
console.log(
  `median: keystone ${Math.round(median(ours)).toLocaleString('en')} evaluations/s, flagd-core ` +
    `${Math.round(median(theirs)).toLocaleString('en')}/s: keystone ${ratio.toFixed(1)}× (goal: > 1×) ${ratio > 1 ? 'MET' : 'NOT MET'}` +
    (evaluationSink() === -1 ? '' : ''),
);
