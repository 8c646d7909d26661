import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret, TOTP, URI } from 'otpauth';
import {
  checkTotp,
  generateTotpSecret,
  TOTP_PERIOD_SECONDS,
  totpCode,
  totpQrCode,
  totpStep,
  totpUri,
} from './totp.ts';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

describe('TOTP', () => {
  it('reproduces the RFC 6238 Appendix B SHA-1 test vectors (8 digits)', () => {
    const seed = Secret.fromLatin1('12345678901234567890').base32;
    assert.equal(seed, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const vectors: [seconds: number, code: string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      assert.equal(totpCode({ secret: seed, now: seconds * 1000, digits: 8 }), code, `T = ${seconds}`);
    }
  });

  it('uses 6-digit codes by default: the last six digits of the 8-digit ones', () => {
    const seed = Secret.fromLatin1('12345678901234567890').base32;
    assert.equal(totpCode({ secret: seed, now: 59_000 }), '287082');
  });

  it('generates 160-bit base32 secrets, a new one each time', () => {
    const secret = generateTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(Secret.fromBase32(secret).bytes.length, 20);
    assert.notEqual(generateTotpSecret(), secret);
  });

  describe('checkTotp', () => {
    // Fixed secret and clock: the same codes every run (checked below to be five distinct ones).
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    // Mid-step, so ±30 s stays one step away.
    const now = 1_750_000_005_000 + STEP_MS / 2;
    const step = totpStep(now);
    const codeAt = (offsetSteps: number) => totpCode({ secret, now: now + offsetSteps * STEP_MS });

    it('works on five distinct codes around now (a precondition of these tests)', () => {
      assert.equal(new Set([-2, -1, 0, 1, 2].map(codeAt)).size, 5);
    });

    it('accepts the code for now and returns its step', () => {
      assert.deepEqual(checkTotp({ secret, code: codeAt(0), lastUsedStep: null, now }), { ok: true, step });
    });

    it('accepts the previous and the next step', () => {
      assert.deepEqual(checkTotp({ secret, code: codeAt(-1), lastUsedStep: null, now }), {
        ok: true,
        step: step - 1,
      });
      assert.deepEqual(checkTotp({ secret, code: codeAt(1), lastUsedStep: null, now }), {
        ok: true,
        step: step + 1,
      });
    });

    it('refuses codes two steps away', () => {
      for (const offset of [-2, 2]) {
        assert.deepEqual(checkTotp({ secret, code: codeAt(offset), lastUsedStep: null, now }), {
          ok: false,
          reason: 'invalid',
        });
      }
    });

    it('refuses the same step the second time, and any earlier step', () => {
      const first = checkTotp({ secret, code: codeAt(0), lastUsedStep: null, now });
      assert.ok(first.ok);
      const lastUsedStep = first.step;
      assert.deepEqual(checkTotp({ secret, code: codeAt(0), lastUsedStep, now }), {
        ok: false,
        reason: 'replayed',
      });
      assert.deepEqual(checkTotp({ secret, code: codeAt(-1), lastUsedStep, now }), {
        ok: false,
        reason: 'replayed',
      });
      // The next step is still fresh.
      assert.deepEqual(checkTotp({ secret, code: codeAt(1), lastUsedStep, now }), {
        ok: true,
        step: step + 1,
      });
    });

    it('accepts the code with a space in the middle', () => {
      const code = codeAt(0);
      assert.equal(
        checkTotp({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, lastUsedStep: null, now }).ok,
        true,
      );
    });

    it('refuses a wrong code and garbage', () => {
      const window = new Set([-1, 0, 1].map(codeAt));
      let wrong = codeAt(0);
      while (window.has(wrong)) wrong = String((Number(wrong) + 1) % 1_000_000).padStart(6, '0');
      const garbage = [wrong, '', 'abcdef', '12345', '1234567', '１２３４５６', `${codeAt(0)}0`, '-12345'];
      for (const code of garbage) {
        assert.deepEqual(
          checkTotp({ secret, code, lastUsedStep: null, now }),
          { ok: false, reason: 'invalid' },
          code,
        );
      }
    });

    it('refuses a code made from another secret', () => {
      const code = totpCode({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', now });
      assert.ok(![-1, 0, 1].map(codeAt).includes(code), 'precondition: the other secret gives another code');
      assert.deepEqual(checkTotp({ secret, code, lastUsedStep: null, now }), {
        ok: false,
        reason: 'invalid',
      });
    });
  });

  it('builds an otpauth:// URI that parses back with issuer, account and secret', () => {
    const secret = generateTotpSecret();
    const uri = totpUri({ secret, account: 'ann.lee+mfa@example.com', issuer: 'Keystone Dev' });
    assert.match(uri, /^otpauth:\/\/totp\//);
    const parsed = URI.parse(uri);
    assert.ok(parsed instanceof TOTP);
    assert.equal(parsed.issuer, 'Keystone Dev');
    assert.equal(parsed.label, 'ann.lee+mfa@example.com');
    assert.equal(parsed.secret.base32, secret);
    assert.equal(parsed.algorithm, 'SHA1');
    assert.equal(parsed.digits, 6);
    assert.equal(parsed.period, 30);
    // The app would show the same codes as the server computes.
    assert.equal(
      parsed.generate({ timestamp: 1_234_567_890_000 }),
      totpCode({ secret, now: 1_234_567_890_000 }),
    );
  });

  it('draws the URI as an SVG and a PNG data URL', async () => {
    const uri = totpUri({ secret: generateTotpSecret(), account: 'ann@example.com', issuer: 'Keystone' });
    const { svg, dataUrl } = await totpQrCode(uri);
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\s*$/);
    assert.match(dataUrl, /^data:image\/png;base64,/);
    const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
