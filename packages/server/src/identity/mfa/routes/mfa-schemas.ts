import { z } from 'zod';
import type { SecondFactorProof } from '../service/second-factor.ts';

/** Wire schemas of the MFA routes. */
const totpCode = z.string().min(1).max(16).describe('The 6-digit code the authenticator app shows now');
const recoveryCode = z.string().min(1).max(64).describe('One of the recovery codes, e.g. 7k3qd-x9m2a');
const mfaToken = z.string().min(1).max(128).describe('The mfa_token of the mfa_required answer');

const exactlyOneCode = (body: { code?: string | undefined; recovery_code?: string | undefined }) =>
  (body.code === undefined) !== (body.recovery_code === undefined);
const oneCodeMessage = { message: 'send either code or recovery_code', path: ['code'] };

export const totpEnrollmentAnswer = z.strictObject({
  secret: z.string().describe('The seed in base32, for typing into the app by hand'),
  otpauth_uri: z.string().describe('otpauth://totp/… as the QR code carries it'),
  qr_svg: z.string().describe('The QR code as SVG markup'),
  qr_data_url: z.string().describe('The QR code as a PNG data: URL, for an <img>'),
});

export const confirmTotpBody = z.strictObject({ code: totpCode });

export const recoveryCodesAnswer = z.strictObject({
  recovery_codes: z.array(z.string()).describe('Shown this once: keep them somewhere safe, each works once'),
});

/** A current code from the app, or a recovery code. */
export const secondFactorBody = z
  .strictObject({ code: totpCode.optional(), recovery_code: recoveryCode.optional() })
  .refine(exactlyOneCode, oneCodeMessage);

/** With a fresh sign-in nothing is needed; otherwise a current code. */
export const regenerateBody = z
  .strictObject({ code: totpCode.optional(), recovery_code: recoveryCode.optional() })
  .refine((body) => body.code === undefined || body.recovery_code === undefined, oneCodeMessage)
  .nullish();

export const mfaVerifyBody = z
  .strictObject({ mfa_token: mfaToken, code: totpCode.optional(), recovery_code: recoveryCode.optional() })
  .refine(exactlyOneCode, oneCodeMessage);

export const mfaStatusAnswer = z.strictObject({
  totp: z.strictObject({ enabled: z.boolean(), confirmed_at: z.string().nullable() }),
  recovery_codes_remaining: z.number().int(),
});

/** The body's code as the service takes it; undefined when it has none. */
export function proofOf(
  body: { code?: string | undefined; recovery_code?: string | undefined } | null | undefined,
): SecondFactorProof | undefined {
  if (body?.code !== undefined) return { kind: 'totp', code: body.code };
  if (body?.recovery_code !== undefined) return { kind: 'recovery_code', code: body.recovery_code };
  return undefined;
}
