/**
 * Local flag evaluations per second: @keystone/flags' compiled evaluator against
 * @openfeature/flagd-core (flagd's in-process JsonLogic evaluator) on the same flag, in the same run:
 * three targeting rules (country in a list, email ends with a domain, app version below a semver)
 * then a 10% / 90% rollout, over 10,000 distinct contexts. Before timing, both must agree on every
 * context a rule decides, and their rollout shares must both be near 10% (their hashes differ by
 * design: flagd hashes flagKey+targetingKey, Keystone flagKey.salt.value). Rounds alternate which
 * side runs first so drift on the machine hits both.
 *
 *   node bench/flags/evaluator-vs-flagd.ts        (BENCH_ROUNDS=5 BENCH_DURATION_SECONDS=2)
 */
import { FlagdCore } from '@openfeature/flagd-core';
import { compileFlagSet, type FlagDefinition } from '../../packages/flags/src/index.ts';
import { positiveInt } from '../shared/bench-env.ts';

const rounds = positiveInt('BENCH_ROUNDS', 5);
const durationSeconds = positiveInt('BENCH_DURATION_SECONDS', 2);
const CONTEXTS = 10_000;

const keystoneFlag: FlagDefinition = {
  key: 'banner',
  type: 'string',
  variants: { red: 'R', green: 'G', blue: 'B', off: 'OFF' },
  off_variant: 'off',
  salt: 'bench',
  environments: {
    production: {
      on: true,
      off_variant: 'off',
      rules: [
        {
          id: 'eu',
          clauses: [{ attribute: 'country', operator: 'in', values: ['FR', 'DE', 'ES'] }],
          serve: { variant: 'blue' },
        },
        {
          id: 'staff',
          clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@corp.com'] }],
          serve: { variant: 'red' },
        },
        {
          id: 'old-app',
          clauses: [{ attribute: 'version', operator: 'semver_lt', values: ['2.0.0'] }],
          serve: { variant: 'off' },
        },
      ],
      fallthrough: {
        rollout: {
          variants: [
            { variant: 'red', weight: 10_000 },
            { variant: 'green', weight: 90_000 },
          ],
        },
      },
    },
  },
};

const flagdConfiguration = {
  flags: {
    banner: {
      state: 'ENABLED',
      variants: { red: 'R', green: 'G', blue: 'B', off: 'OFF' },
      defaultVariant: 'green',
      targeting: {
        if: [
          { in: [{ var: 'country' }, ['FR', 'DE', 'ES']] },
          'blue',
          { ends_with: [{ var: 'email' }, '@corp.com'] },
          'red',
          { sem_ver: [{ var: 'version' }, '<', '2.0.0'] },
          'off',
          {
            fractional: [
              ['red', 10],
              ['green', 90],
            ],
          },
        ],
      },
    },
  },
};

const COUNTRIES = ['FR', 'US', 'GB', 'DE', 'JP', 'BR', 'IN', 'ES', 'CA', 'AU', 'MX', 'IT', 'NL', 'SE', 'KR'];
/** A type alias (not an interface), so it fits both libraries' context types. */
type BenchContext = { targetingKey: string; country: string; email: string; version: string; plan: string };
const contexts: BenchContext[] = Array.from({ length: CONTEXTS }, (_, index) => ({
  targetingKey: `user-${index}`,
  country: COUNTRIES[index % COUNTRIES.length] as string,
  email: index % 10 === 3 ? `user-${index}@corp.com` : `user-${index}@example.com`,
  version: `${1 + (index % 7 === 0 ? 0 : 1 + (index % 3))}.${index % 10}.${index % 4}`,
  plan: index % 2 === 0 ? 'free' : 'pro',
}));

const keystone = compileFlagSet({
  environment: 'production',
  version: 1,
  flags: [keystoneFlag],
  segments: [],
});
const flagd = new FlagdCore();
flagd.setConfigurations(JSON.stringify(flagdConfiguration));
const silent = { error() {}, warn() {}, info() {}, debug() {} };

const evaluateKeystone = (context: BenchContext) => keystone.evaluate('banner', 'string', 'default', context);
const evaluateFlagd = (context: BenchContext) =>
  flagd.resolveStringEvaluation('banner', 'default', context, silent);

/** Both agree where a rule decides; both roll out about 10% of the rest. */
function verify(): void {
  let rollouts = 0;
  let keystoneRed = 0;
  let flagdRed = 0;
  for (const context of contexts) {
    const ours = evaluateKeystone(context);
    const theirs = evaluateFlagd(context);
    if (ours.reason === 'ERROR' || theirs.errorCode) throw new Error(`error on ${JSON.stringify(context)}`);
    if (ours.reason === 'SPLIT') {
      rollouts++;
      if (ours.variant === 'red') keystoneRed++;
      if (theirs.variant === 'red') flagdRed++;
    } else if (ours.variant !== theirs.variant) {
      throw new Error(`disagree on ${JSON.stringify(context)}: ${ours.variant} vs ${theirs.variant}`);
    }
  }
  const share = (count: number) => count / rollouts;
  if (Math.abs(share(keystoneRed) - 0.1) > 0.02 || Math.abs(share(flagdRed) - 0.1) > 0.02) {
    throw new Error(`rollout shares off: keystone ${share(keystoneRed)}, flagd ${share(flagdRed)}`);
  }
  console.log(
    `verified on ${CONTEXTS} contexts: ${CONTEXTS - rollouts} decided by rules (same variants), ${rollouts} by the rollout ` +
      `(red: keystone ${(100 * share(keystoneRed)).toFixed(1)}%, flagd ${(100 * share(flagdRed)).toFixed(1)}%)`,
  );
}

/** Evaluations per second for `seconds`, cycling through the contexts. */
function measure(evaluate: (context: BenchContext) => { value: unknown }, seconds: number): number {
  let sink = 0;
  let evaluations = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let now = started;
  while (now < deadline) {
    for (const context of contexts) if (evaluate(context).value === 'R') sink++;
    evaluations += CONTEXTS;
    now = performance.now();
  }
  if (sink === -1) console.log(sink);
  return evaluations / ((now - started) / 1000);
}

verify();
measure(evaluateKeystone, 1);
measure(evaluateFlagd, 1);
const ours: number[] = [];
const theirs: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const keystoneFirst = round % 2 === 1;
  if (keystoneFirst) ours.push(measure(evaluateKeystone, durationSeconds));
  theirs.push(measure(evaluateFlagd, durationSeconds));
  if (!keystoneFirst) ours.push(measure(evaluateKeystone, durationSeconds));
  const last = (list: number[]) => Math.round(list[list.length - 1] as number).toLocaleString('en');
  console.log(`round ${round}: keystone ${last(ours)}/s, flagd-core ${last(theirs)}/s`);
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
const ratio = median(ours) / median(theirs);
console.log(
  `median: keystone ${Math.round(median(ours)).toLocaleString('en')} evaluations/s, flagd-core ` +
    `${Math.round(median(theirs)).toLocaleString('en')}/s: keystone ${ratio.toFixed(1)}× (goal: > 1×) ${ratio > 1 ? 'MET' : 'NOT MET'}`,
);
