import { z } from 'zod';

/**
 * An email address as a user types it, and the key accounts are unique by:
 * NFKC-normalized, trimmed and lower-cased, so `Ann@Example.com ` and
 * `ann@example.com` are one account. (Local parts are case-sensitive in theory;
 * no provider treats them so, and two accounts differing by case are a
 * takeover waiting to happen.)
 */
export const MAX_EMAIL_LENGTH = 254;

export const emailSchema = z.string().trim().max(MAX_EMAIL_LENGTH).pipe(z.email('must be an email address'));

export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
