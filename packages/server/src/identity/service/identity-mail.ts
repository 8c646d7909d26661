import type { Config } from '../../platform/config/config.ts';
import type { OutgoingMail } from '../../platform/mail/mailer.ts';
import type { IssuedCode } from './one-time-codes.ts';

/**
 * The mails identity sends. Plain text first (it is what arrives everywhere);
 * each carries the code to type and the link to click, and says what to do if
 * the reader did not ask for it.
 */
const minutes = (seconds: number) => Math.round(seconds / 60);

export function emailLink(config: Config, path: string, token: string): string {
  return `${config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

export function verificationMail(config: Config, to: string, issued: IssuedCode): OutgoingMail {
  const link = emailLink(config, '/v1/auth/email-links/verify-email', issued.linkToken);
  return {
    to,
    subject: `Your verification code: ${issued.code}`,
    text:
      `Your verification code is ${issued.code}\n\n` +
      `Or open this link to verify your email address:\n${link}\n\n` +
      `The code and the link expire in ${minutes(issued.expiresIn)} minutes. ` +
      'If you did not create an account, you can ignore this email.\n',
  };
}

/** Sent instead of a verification mail when someone signs up with an address that has an account. */
export function existingAccountMail(to: string): OutgoingMail {
  return {
    to,
    subject: 'Someone tried to sign up with your email address',
    text:
      'Someone tried to create an account with this email address, which already has one.\n\n' +
      'If it was you, sign in instead (or reset your password if you forgot it). ' +
      'If it was not you, you can ignore this email: nothing has changed.\n',
  };
}

export function passwordResetMail(config: Config, to: string, issued: IssuedCode): OutgoingMail {
  const link = emailLink(config, '/v1/auth/email-links/reset-password', issued.linkToken);
  return {
    to,
    subject: `Your password reset code: ${issued.code}`,
    text:
      `Your password reset code is ${issued.code}\n\n` +
      `Or open this link to choose a new password:\n${link}\n\n` +
      `The code and the link expire in ${minutes(issued.expiresIn)} minutes. ` +
      'If you did not ask to reset your password, ignore this email: your password has not changed.\n',
  };
}

export function signInCodeMail(config: Config, to: string, issued: IssuedCode): OutgoingMail {
  const link = emailLink(config, '/v1/auth/email-links/sign-in', issued.linkToken);
  return {
    to,
    subject: `Your sign-in code: ${issued.code}`,
    text:
      `Your sign-in code is ${issued.code}\n\n` +
      `Or open this link to sign in:\n${link}\n\n` +
      `The code and the link expire in ${minutes(issued.expiresIn)} minutes and work once. ` +
      'If you did not try to sign in, ignore this email.\n',
  };
}

export function emailChangeMail(config: Config, to: string, issued: IssuedCode): OutgoingMail {
  const link = emailLink(config, '/v1/auth/email-links/change-email', issued.linkToken);
  return {
    to,
    subject: `Confirm your new email address: ${issued.code}`,
    text:
      `Your confirmation code is ${issued.code}\n\n` +
      `Or open this link to confirm this address for your account:\n${link}\n\n` +
      `The code and the link expire in ${minutes(issued.expiresIn)} minutes. ` +
      'If you did not ask for this change, ignore this email.\n',
  };
}

/** To the current address when a change to another one is asked for: the owner learns of it in time. */
export function emailChangeRequestedMail(to: string, newEmail: string): OutgoingMail {
  return {
    to,
    subject: 'A change of your email address was requested',
    text:
      `Someone signed in to your account asked to change its email address to ${newEmail}.\n\n` +
      'The change happens only once that address confirms it. If it was not you, change your password ' +
      'now and sign out your other sessions: your account is still on this address.\n',
  };
}

/** Sent instead of the confirmation code when the new address already has an account. */
export function emailChangeTakenMail(to: string): OutgoingMail {
  return {
    to,
    subject: 'Someone tried to move an account to your email address',
    text:
      'Someone asked to change the email address of their account to this one, which already has an ' +
      'account. Nothing has changed, and nothing will: you can ignore this email.\n',
  };
}
