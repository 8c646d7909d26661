import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app understands it by default. */
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of now: phone clocks drift and people type slowly. */
const TOTP_WINDOW_STEPS = 1;
const SIX_DIGITS = /^[0-9]{6}$/;
/** RFC 4226 asks for at least 128 bits of seed and recommends 160. */
const SECRET_BYTES = 20;

/** A new seed, base32 (what authenticator apps and otpauth:// URIs carry). */
export function generateTotpSecret(): string {
  // Copied into its own ArrayBuffer: a small Buffer may be a view into a shared pool.
  return new Secret({ buffer: new Uint8Array(randomBytes(SECRET_BYTES)).buffer }).base32;
}

/** The otpauth://totp/Issuer:account?secret=… URI an authenticator app enrolls from. */
export function totpUri(input: { secret: string; account: string; issuer: string }): string {
  return new TOTP({
    issuer: input.issuer,
    label: input.account,
    secret: Secret.fromBase32(input.secret),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The URI as a QR code: SVG markup to inline, and a PNG data URL for an <img>. */
export async function totpQrCode(uri: string): Promise<{ svg: string; dataUrl: string }> {
  const options = { errorCorrectionLevel: 'M', margin: 2 } as const;
  const [svg, dataUrl] = await Promise.all([
    QRCode.toString(uri, { ...options, type: 'svg' }),
    QRCode.toDataURL(uri, { ...options, type: 'image/png' }),
  ]);
  return { svg, dataUrl };
}

/** The RFC 6238 time step at `now` (milliseconds since the epoch). */
export function totpStep(now: number = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for the step containing `now`; `digits` other than 6 only for test vectors. */
export function totpCode(input: { secret: string; now?: number; digits?: number }): string {
  return codeAt(Secret.fromBase32(input.secret), input.now ?? Date.now(), input.digits ?? TOTP_DIGITS);
}

function codeAt(secret: Secret, timestamp: number, digits = TOTP_DIGITS): string {
  return TOTP.generate({ secret, algorithm: TOTP_ALGORITHM, digits, period: TOTP_PERIOD_SECONDS, timestamp });
}

/**
 * Accepts the code for the current step or ±1 step; refuses a step <= lastUsedStep (replay).
 * The caller stores the returned step as the new lastUsedStep.
 *
 * Not otpauth's validate(): it stops at the first step that matches and cannot tell a
 * replay from a wrong code. Here every step in the window is computed and compared in
 * constant time, whatever matches, so timing tells nothing about the code.
 */
export function checkTotp(input: {
  secret: string;
  code: string;
  lastUsedStep: number | null;
  now?: number;
}): { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' } {
  // People paste `123 456`; anything but six digits cannot be right, and says nothing secret.
  const code = input.code.replace(/\s+/g, '');
  if (!SIX_DIGITS.test(code)) return { ok: false, reason: 'invalid' };

  const secret = Secret.fromBase32(input.secret);
  const current = totpStep(input.now);
  const presented = Buffer.from(code, 'ascii');
  let accepted: number | null = null;
  let replayed = false;
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    const expected = Buffer.from(codeAt(secret, step * TOTP_PERIOD_SECONDS * 1000), 'ascii');
    if (!timingSafeEqual(presented, expected)) continue;
    if (input.lastUsedStep !== null && step <= input.lastUsedStep) replayed = true;
    else accepted = step;
  }
  if (accepted !== null) return { ok: true, step: accepted };
  return { ok: false, reason: replayed ? 'replayed' : 'invalid' };
}
