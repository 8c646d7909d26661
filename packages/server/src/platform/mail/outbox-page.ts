import { createHash } from 'node:crypto';
import type { OutboxMail } from './outbox-store.ts';

/**
 * The /dev/outbox HTML page: the newest mails, newest first. Everything from a
 * mail is escaped (a subject may hold markup); links in the text body become
 * anchors, http(s) only. The page runs no script at all, and its one inline
 * stylesheet is allowed by hash, so its CSP stays as strict as the API's.
 */
const STYLE = [
  'body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d1d1f}',
  'h1{font-size:1.4rem;margin-bottom:.2rem}',
  'p.note{color:#555;margin-top:0}',
  'article{border:1px solid #d0d0d7;border-radius:6px;margin:1rem 0;padding:.8rem 1rem}',
  'article h2{font-size:1.05rem;margin:0 0 .3rem}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:0 0 .6rem;color:#444;font-size:.9rem}',
  'dt{font-weight:600}dd{margin:0}',
  'pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f8;padding:.7rem;border-radius:4px;margin:0}',
  'details{margin-top:.5rem}summary{cursor:pointer;color:#555}',
].join('\n');

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const OUTBOX_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderOutboxPage(mails: OutboxMail[]): string {
  const items = mails.length === 0 ? '<p class="empty">No mail yet.</p>' : mails.map(renderMail).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keystone development outbox</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Development outbox</h1>
<p class="note">SMTP_URL is not set, so mail is kept here instead of being sent. Newest first; ${mails.length} shown.</p>
${items}
</body>
</html>
`;
}

function renderMail(mail: OutboxMail): string {
  const sent = mail.createdAt.toISOString();
  const html = mail.html
    ? `<details><summary>HTML part (source)</summary><pre>${escapeHtml(mail.html)}</pre></details>`
    : '';
  return `<article id="${escapeHtml(mail.id)}">
<h2>${escapeHtml(mail.subject)}</h2>
<dl><dt>To</dt><dd class="to">${escapeHtml(mail.to)}</dd><dt>From</dt><dd>${escapeHtml(mail.from)}</dd><dt>Kept</dt><dd><time datetime="${sent}">${sent}</time></dd></dl>
<pre class="text">${linkify(mail.text)}</pre>${html}
</article>`;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;
// Punctuation that ends a sentence rather than the URL ("see https://x/y.").
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Escapes the text and turns each http(s) URL in it into a link. */
export function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index;
    out += escapeHtml(text.slice(last, start));
    out += `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}
