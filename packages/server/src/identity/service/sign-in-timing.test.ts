import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { STRONG_PASSWORD, signIn, signUp, uniqueEmail } from '../../../test/support/identity-client.ts';
import { mannWhitneyU } from '../../../test/support/mann-whitney.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createPasswordHasher, type PasswordHasher } from '../passwords/password-hasher.ts';

/**
 * The demand: an attacker timing sign-ins must not learn which emails
 * have accounts. Unknown-email and wrong-password sign-ins go through the real
 * server, randomly interleaved (so whatever else loads the machine hits both
 * kinds alike), and a Mann-Whitney U test on the durations finds no difference.
 * The same measurement with the dummy hash switched off must find one, or the
 * first assertion would prove nothing.
 *
 * Real argon2id parameters (OWASP, ~15 ms here): the point is equal work, so the
 * dummy and the real hashes must cost the same, and they do with the same hasher.
 */
const PER_KIND = 70;
const WARM_UP_PER_KIND = 8;
// The slowest 5% of each kind are dropped: pauses only ever add time, to either kind at random.
const TRIM = 0.05;

type Kind = 'unknown_email' | 'wrong_password';

/** The real hasher, with a switch that turns the unknown-account dummy verification into nothing. */
function switchableHasher(): PasswordHasher & { dummy: boolean } {
  const real = createPasswordHasher();
  const switchable = {
    dummy: true,
    hash: real.hash,
    verify: real.verify,
    verifyAgainstDummy: async (password: string) =>
      switchable.dummy ? real.verifyAgainstDummy(password) : ({ ok: false, needsRehash: false } as const),
  };
  return switchable;
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function trimmed(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.slice(0, Math.ceil(sorted.length * (1 - TRIM)));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('sign-in timing does not tell whether an email has an account', () => {
  let t: TestApp;
  const hasher = switchableHasher();
  const known = uniqueEmail('timing');

  before(async () => {
    t = await startTestApp({
      hasher,
      // Hundreds of failed sign-ins from one address for one email: the limits would stop the test.
      env: { KEYSTONE_RATE_LIMIT_IP_PER_MINUTE: '0', KEYSTONE_RATE_LIMIT_IDENTIFIER_PER_MINUTE: '0' },
    });
    const res = await signUp(t.app, { email: known, password: STRONG_PASSWORD });
    assert.equal(res.statusCode, 202, res.body);
  });
  after(() => t.close());

  /** Durations in ms of failed sign-ins of each kind, in random order, sequentially. */
  async function measure(perKind: number): Promise<Record<Kind, number[]>> {
    const kinds = shuffled([
      ...Array<Kind>(perKind).fill('unknown_email'),
      ...Array<Kind>(perKind).fill('wrong_password'),
    ]);
    const durations: Record<Kind, number[]> = { unknown_email: [], wrong_password: [] };
    for (const [i, kind] of kinds.entries()) {
      const email = kind === 'unknown_email' ? uniqueEmail('nobody') : known;
      const password = `${STRONG_PASSWORD} wrong ${i}`;
      const started = performance.now();
      const res = await signIn(t.app, { email, password });
      durations[kind].push(performance.now() - started);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().code, 'invalid_credentials');
    }
    return durations;
  }

  async function compare() {
    await measure(WARM_UP_PER_KIND); // JIT, pools, and the dummy hash made on first use
    const d = await measure(PER_KIND);
    const unknown = trimmed(d.unknown_email);
    const wrong = trimmed(d.wrong_password);
    const test = mannWhitneyU(unknown, wrong);
    const summary =
      `median unknown email ${median(unknown).toFixed(2)} ms, wrong password ${median(wrong).toFixed(2)} ms, ` +
      `U ${test.u}, z ${test.z.toFixed(2)}, p ${test.p.toExponential(2)}`;
    return { ...test, unknown, wrong, summary };
  }

  it('finds no significant difference between unknown-email and wrong-password sign-ins', async (context) => {
    hasher.dummy = true;
    const result = await compare();
    context.diagnostic(result.summary);
    // 0.001: a false alarm once in a thousand runs; a missing dummy gives p far below 1e-10 (next test).
    assert.ok(result.p > 0.001, `the timing tells unknown emails apart: ${result.summary}`);
  });

  it('does find the difference when the dummy hash is switched off (so the test above can fail)', async (context) => {
    hasher.dummy = false;
    try {
      const result = await compare();
      context.diagnostic(result.summary);
      assert.ok(result.p < 1e-6, `expected a clear difference without the dummy: ${result.summary}`);
      assert.ok(median(result.unknown) < median(result.wrong), result.summary);
    } finally {
      hasher.dummy = true;
    }
  });
});
