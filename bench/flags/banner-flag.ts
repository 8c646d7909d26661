/**
 * The flag every flags benchmark evaluates, written for both sides: Keystone's definition and flagd's
 * JsonLogic equivalent. Three targeting rules (country in a list, email ends with a domain, app version
 * below a semver), then a 10% / 90% rollout; and 10,000 distinct contexts to evaluate it on.
 */
import type { FlagDefinition } from '../../packages/flags/src/index.ts';

export const FLAG_KEY = 'banner';
export const CONTEXT_COUNT = 10_000;

export const keystoneFlag: FlagDefinition = {
  key: FLAG_KEY,
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

export const flagdConfiguration = {
  flags: {
    [FLAG_KEY]: {
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
/** A type alias (not an interface), so it fits every library's context type. */
export type BenchContext = {
  targetingKey: string;
  country: string;
  email: string;
  version: string;
  plan: string;
};
export const contexts: BenchContext[] = Array.from({ length: CONTEXT_COUNT }, (_, index) => ({
  targetingKey: `user-${index}`,
  country: COUNTRIES[index % COUNTRIES.length] as string,
  email: index % 10 === 3 ? `user-${index}@corp.com` : `user-${index}@example.com`,
  version: `${1 + (index % 7 === 0 ? 0 : 1 + (index % 3))}.${index % 10}.${index % 4}`,
  plan: index % 2 === 0 ? 'free' : 'pro',
}));

/** One evaluation as both sides report it: Keystone's reason SPLIT means the rollout decided. */
export type Outcome = { variant?: string | undefined; reason?: string | undefined; errorCode?: unknown };

/**
 * Both sides agree on every context a rule decides, and both roll out about 10% of the rest (their
 * hashes differ by design: flagd hashes flagKey+targetingKey, Keystone flagKey.salt.value).
 * `keystone` and `flagd` are the outcomes for `contexts`, in order. Throws on any difference.
 */
export function checkAgreement(keystone: Outcome[], flagd: Outcome[]): string {
  let rollouts = 0;
  let keystoneRed = 0;
  let flagdRed = 0;
  contexts.forEach((context, index) => {
    const ours = keystone[index] as Outcome;
    const theirs = flagd[index] as Outcome;
    if (ours.reason === 'ERROR' || ours.errorCode || theirs.errorCode) {
      throw new Error(`error on ${JSON.stringify(context)}: ${JSON.stringify({ ours, theirs })}`);
    }
    if (ours.reason === 'SPLIT') {
      rollouts++;
      if (ours.variant === 'red') keystoneRed++;
      if (theirs.variant === 'red') flagdRed++;
    } else if (ours.variant !== theirs.variant) {
      throw new Error(`disagree on ${JSON.stringify(context)}: ${ours.variant} vs ${theirs.variant}`);
    }
  });
  const share = (count: number) => count / rollouts;
  if (Math.abs(share(keystoneRed) - 0.1) > 0.02 || Math.abs(share(flagdRed) - 0.1) > 0.02) {
    throw new Error(`rollout shares off: keystone ${share(keystoneRed)}, flagd ${share(flagdRed)}`);
  }
  return (
    `verified on ${CONTEXT_COUNT} contexts: ${CONTEXT_COUNT - rollouts} decided by rules (same variants), ` +
    `${rollouts} by the rollout (red: keystone ${(100 * share(keystoneRed)).toFixed(1)}%, ` +
    `flagd ${(100 * share(flagdRed)).toFixed(1)}%)`
  );
}
