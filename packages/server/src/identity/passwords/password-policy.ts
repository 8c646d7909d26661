import { createRequire } from 'node:module';
import { AppError } from '../../platform/errors/app-error.ts';

/**
 * NIST SP 800-63B: a length floor and ceiling, a blocklist of common passwords, no
 * context words, and no composition rules (they push people to `Password1!`).
 *
 * 10, not NIST's bare 8: MFA is optional here, so the password is often the only factor,
 * where SP 800-63B-4 asks for 15. 10 with the blocklist costs an online or offline guesser
 * far more than 8, and is still a length people accept. Raise it here if policy tightens.
 */
export const MIN_PASSWORD_LENGTH = 10;
/** In characters (code points), as NIST counts them. */
export const MAX_PASSWORD_LENGTH = 256;
/**
 * What argon2 is handed, in UTF-8 bytes. UTF-8 spends at most 4 bytes on a code point, so
 * the character limit (checked on the NFKC form, which is what gets hashed) is the byte limit.
 */
export const MAX_PASSWORD_BYTES = MAX_PASSWORD_LENGTH * 4;
/** Shorter email local parts or names (`ann`) are too likely to occur by chance. */
const MIN_CONTEXT_WORD_LENGTH = 4;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'contains_name';
export type PasswordProblem = { code: PasswordProblemCode; message: string };
export type PasswordContext = { email?: string; name?: string };

/** Everything wrong with a new password; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): PasswordProblem[] {
  // The hasher stores the NFKC form, so that is the password being judged.
  const normalized = password.normalize('NFKC');
  // Spaces are dropped for the context checks, so `Ann Lee` is found in `i am ann lee`.
  const lowered = normalized.toLowerCase();
  const compact = lowered.replace(/\s+/g, '');
  const problems: PasswordProblem[] = [];

  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) {
    problems.push({ code: 'too_short', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
  } else if (length > MAX_PASSWORD_LENGTH) {
    problems.push({
      code: 'too_long',
      message: `must be at most ${MAX_PASSWORD_LENGTH} characters (${MAX_PASSWORD_BYTES} bytes)`,
    });
  }
  if (isCommonPassword(lowered)) {
    problems.push({
      code: 'common',
      message: 'is too common; choose one that is not on lists of leaked passwords',
    });
  }
  if (emailWords(context.email).some((word) => compact.includes(word))) {
    problems.push({ code: 'contains_email', message: 'must not contain your email address' });
  }
  const name = contextWord(context.name?.replace(/\s+/g, ''));
  if (name && compact.includes(name)) {
    problems.push({ code: 'contains_name', message: 'must not contain your name' });
  }
  return problems;
}

/** Throws `password_rejected` (422) listing every problem as a field error on `password`. */
export function assertAcceptablePassword(password: string, context: PasswordContext = {}): void {
  const problems = passwordProblems(password, context);
  if (problems.length === 0) return;
  throw new AppError('password_rejected', {
    detail: `The password is not acceptable: it ${problems.map((p) => p.message).join('; it ')}.`,
    fields: problems.map((p) => ({ field: 'password', location: 'body', message: p.message })),
  });
}

/** The local part of the email, and for `ann.lee+keystone@…` also `ann.lee`. */
function emailWords(email: string | undefined): string[] {
  if (!email) return [];
  const at = email.lastIndexOf('@');
  const local = (at === -1 ? email : email.slice(0, at)).normalize('NFKC').trim().toLowerCase();
  const words = [local, local.split('+')[0] ?? ''];
  return words.filter((word) => word.length >= MIN_CONTEXT_WORD_LENGTH);
}

function contextWord(value: string | undefined): string | undefined {
  const word = value?.normalize('NFKC').toLowerCase();
  return word && [...word].length >= MIN_CONTEXT_WORD_LENGTH ? word : undefined;
}

type CommonPasswordList = { test(password: string): boolean };
let commonPasswords: CommonPasswordList | undefined;

/**
 * Mozilla's list (the 50,000 most common passwords of 8+ characters from a leak corpus),
 * stored lower-case, so a lower-cased lookup is a case-insensitive one. CommonJS, and it
 * decodes its list on load: required on first use, not at startup.
 */
function isCommonPassword(lowered: string): boolean {
  commonPasswords ??= createRequire(import.meta.url)('fxa-common-password-list') as CommonPasswordList;
  return commonPasswords.test(lowered);
}
