import { createHash } from 'node:crypto';
import { escapeHtml } from '../../platform/mail/outbox-page.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords/password-policy.ts';
import type { EmailLinkKind } from '../service/email-links.ts';

/**
 * The small pages an emailed link opens. Opening one (GET) changes nothing:
 * mail scanners and link previews fetch links, and must not use up a code. The
 * page's one button POSTs the token back to the same path, and that does the
 * work. No script at all; the one inline stylesheet is allowed by its hash and
 * the form may only post to this origin.
 */
const STYLE = [
  'body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color:#1d1d1f}',
  'h1{font-size:1.4rem}',
  'p.note{color:#555;font-size:.9rem}',
  'label{display:block;margin:1rem 0 .3rem;font-weight:600}',
  'input[type=password]{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #aaa;border-radius:4px}',
  'button{font:inherit;margin-top:1rem;padding:.55rem 1.2rem;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer}',
  'ul.problems{color:#b00020}',
].join('\n');

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const EMAIL_LINK_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

type LinkForm = { kind: EmailLinkKind; token: string; email: string; newEmail: string | null };

const ACTIONS: Record<EmailLinkKind, { title: string; button: string }> = {
  'verify-email': { title: 'Verify your email address', button: 'Verify my address' },
  'change-email': { title: 'Confirm your new email address', button: 'Confirm the change' },
  'reset-password': { title: 'Choose a new password', button: 'Set the new password' },
  'sign-in': { title: 'Sign in', button: 'Sign in' },
};

/** The page a valid link opens: what the button will do, and the button. */
export function renderLinkForm(form: LinkForm, problems: string[] = []): string {
  const { title, button } = ACTIONS[form.kind];
  const email = `<strong>${escapeHtml(form.email)}</strong>`;
  const explain: Record<EmailLinkKind, string> = {
    'verify-email': `<p>Confirm that ${email} is your email address.</p>`,
    'change-email': `<p>Move the account of ${email} to <strong>${escapeHtml(form.newEmail ?? '')}</strong>. Sign in with the new address afterwards.</p>`,
    'reset-password':
      `<p>For the account of ${email}. Every session of the account ends; sign in with the new password afterwards.</p>` +
      '<input type="email" autocomplete="username" value="' +
      escapeHtml(form.email) +
      '" hidden>' +
      `<label for="new_password">New password</label><input type="password" id="new_password" name="new_password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}">` +
      `<p class="note">At least ${MIN_PASSWORD_LENGTH} characters; a long passphrase is best.</p>`,
    'sign-in':
      `<p>Sign in as ${email}.</p>` +
      '<p class="note">An app cannot receive a sign-in made on this page. If you are signing in to an app, type the code from the email there instead of using this button.</p>',
  };
  const list =
    problems.length > 0
      ? `<ul class="problems">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
      : '';
  return page(
    title,
    `${list}<form method="post" action="${form.kind}">` +
      `<input type="hidden" name="token" value="${escapeHtml(form.token)}">` +
      `${explain[form.kind]}<button type="submit">${button}</button></form>`,
  );
}

/** The page after the button: what happened, in one or two sentences. */
export function renderLinkResult(title: string, ...paragraphs: string[]): string {
  return page(title, paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''));
}

export function renderInvalidLink(): string {
  return renderLinkResult(
    'This link is no longer valid',
    'It has expired, was used already, or a newer email replaced it.',
    'Ask for a new one where you started (in the app or on the website).',
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}
