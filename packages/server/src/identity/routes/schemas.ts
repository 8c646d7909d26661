import { z } from 'zod';
import { emailSchema } from '../engine/email-address.ts';

/** Wire schemas of identity's routes (snake_case, as OAuth and our other APIs speak). */
export const noQuery = z.strictObject({});

// The policy (length, common passwords) is checked by the service with its own problem code;
// the schema only bounds the size so a huge body never reaches argon2.
export const passwordField = z.string().min(1).max(1024);

export const signUpBody = z.strictObject({
  email: emailSchema,
  password: passwordField,
  name: z.string().trim().min(1).max(200).optional(),
});

export const signUpAnswer = z.strictObject({
  status: z.literal('accepted'),
  next: z.enum(['verify_email', 'sign_in']).describe('What to do next: verify the emailed code, or sign in'),
});

export const signInBody = z.strictObject({ email: emailSchema, password: passwordField });

export const userSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  email_verified: z.boolean(),
  name: z.string().nullable(),
  mfa_enabled: z.boolean(),
  created_at: z.string(),
});

export const signedIn = z.strictObject({
  status: z.literal('signed_in'),
  token_type: z.literal('Bearer'),
  access_token: z.string().describe('A JWT to send as Authorization: Bearer'),
  expires_in: z.number().int().describe('Seconds until the access token expires'),
  refresh_token: z
    .string()
    .optional()
    .describe(
      'Opaque; exchange it once at /v1/auth/refresh. Absent with cookie delivery: it is in the cookie',
    ),
  session_id: z.string(),
  user: userSchema,
});

export const mfaRequired = z.strictObject({
  status: z.literal('mfa_required'),
  mfa_token: z.string().describe('Send it with a TOTP or recovery code to /v1/auth/mfa/verify'),
  expires_in: z.number().int(),
  methods: z.array(z.enum(['totp', 'recovery_code'])),
});

export const signInAnswer = z.discriminatedUnion('status', [signedIn, mfaRequired]);

// Without a refresh_token (or without a body) the refresh cookie is used (routes/token-delivery.ts).
export const refreshBody = z.strictObject({ refresh_token: z.string().min(1).max(512).optional() }).nullish();

export const sessionSchema = z.strictObject({
  id: z.string(),
  current: z.boolean(),
  auth_methods: z.array(z.string()),
  active_org_id: z.string().nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  created_at: z.string(),
  last_active_at: z.string(),
  expires_at: z.string(),
});

export const sessionList = z.strictObject({ data: z.array(sessionSchema) });

export const sessionParams = z.strictObject({
  sessionId: z.string().regex(/^sess_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a session id (sess_…)'),
});

export const profilePatch = z
  .strictObject({ name: z.string().trim().min(1).max(200).nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** For POSTs that take nothing: no body, or an empty JSON object. */
export const emptyBody = z.strictObject({}).nullish();

export const noContent = { 204: z.null().describe('No content') };
