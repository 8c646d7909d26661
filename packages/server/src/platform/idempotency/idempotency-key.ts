/**
 * Parses an `Idempotency-Key` header value. The IETF draft defines it as a
 * Structured Field string (`"8e03978e-…"`); most clients (Stripe's among them)
 * send a bare token. Both are accepted; the key is the unquoted content.
 *
 * - quoted: an sf-string (RFC 8941 §3.3.3): printable ASCII, `\"` and `\\` the only escapes.
 * - bare: visible ASCII without `"` or `,` (Node joins a repeated header with ", ",
 *   so a comma would silently merge two keys into one).
 *
 * Either way the key is 1–255 characters. Returns undefined when the value is not valid.
 */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const BARE = /^[\x21\x23-\x2b\x2d-\x7e]+$/;

export function parseIdempotencyKey(header: string): string | undefined {
  const value = header.trim();
  const key = value.startsWith('"') ? parseSfString(value) : BARE.test(value) ? value : undefined;
  if (key === undefined || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) return undefined;
  return key;
}

function parseSfString(value: string): string | undefined {
  let out = '';
  for (let i = 1; i < value.length; i++) {
    const char = value[i] as string;
    const code = char.charCodeAt(0);
    if (char === '\\') {
      const next = value[++i];
      if (next !== '"' && next !== '\\') return undefined;
      out += next;
    } else if (char === '"') {
      // The closing quote must end the value (no parameters: the draft defines none).
      return i === value.length - 1 ? out : undefined;
    } else if (code < 0x20 || code > 0x7e) {
      return undefined;
    } else {
      out += char;
    }
  }
  return undefined; // no closing quote
}
