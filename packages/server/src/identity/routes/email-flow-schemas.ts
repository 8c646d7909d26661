import { z } from 'zod';
import { emailSchema } from '../engine/email-address.ts';
import { passwordField } from './schemas.ts';

/** Wire schemas of the emailed flows (email-routes.ts, account-routes.ts, email-link-routes.ts). */

export const codeField = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from the email')
  .describe('The 6-digit code from the email');

export const linkTokenField = z
  .string()
  .min(1)
  .max(200)
  .describe('The token of the emailed link (its ?token= value): for apps that open the link themselves');

/** An emailed proof: the code with the address it was sent to, or the link's token. */
export const emailProofBody = z.union([
  z.strictObject({ email: emailSchema, code: codeField }),
  z.strictObject({ token: linkTokenField }),
]);

export const emailOnlyBody = z.strictObject({ email: emailSchema });

export const acceptedAnswer = z
  .strictObject({ status: z.literal('accepted') })
  .describe('The same answer whether or not the address has an account');

export const verifiedAnswer = z.strictObject({ status: z.literal('verified') });

export const passwordResetBody = z.union([
  z.strictObject({ email: emailSchema, code: codeField, new_password: passwordField }),
  z.strictObject({ token: linkTokenField, new_password: passwordField }),
]);

export const passwordResetAnswer = z.strictObject({
  status: z.literal('password_reset'),
  next: z.literal('sign_in').describe('Every session has ended: sign in with the new password'),
});

export const passwordChangeBody = z.strictObject({
  current_password: passwordField,
  new_password: passwordField,
});

export const emailChangeBody = z.strictObject({
  new_email: emailSchema,
  password: passwordField.optional().describe('Required when the account has a password'),
});

export const emailChangeConfirmBody = z.union([
  z.strictObject({ code: codeField }),
  z.strictObject({ token: linkTokenField }),
]);
