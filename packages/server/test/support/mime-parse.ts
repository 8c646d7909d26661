/**
 * Just enough MIME to read what nodemailer sends (mailparser is not installed):
 * unfolded headers with RFC 2047 encoded words, text/plain or text/html single
 * parts, nested multipart, and 7bit/8bit, quoted-printable or base64 bodies.
 * Line endings come back as `\n`.
 */
export type ParsedMessage = {
  /** Header values, decoded; lower-case names, first occurrence wins. */
  headers: Record<string, string>;
  text: string | undefined;
  html: string | undefined;
};

export function parseMessage(raw: Buffer): ParsedMessage {
  const entity = parseEntity(raw.toString('latin1'));
  const found: { text?: string; html?: string } = {};
  collectBodies(entity, found);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(entity.headers)) headers[name] = decodeWords(value);
  return { headers, text: found.text, html: found.html };
}

type Entity = { headers: Record<string, string>; body: string };

/** One MIME entity in latin1 (one char per byte), so bodies can be turned back into exact bytes. */
function parseEntity(source: string): Entity {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match ? source.slice(0, match.index) : source;
  const body = match ? source.slice(match.index + match[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function collectBodies(entity: Entity, found: { text?: string; html?: string }): void {
  const { type, params } = contentType(entity.headers['content-type']);
  if (type.startsWith('multipart/') && params.boundary) {
    for (const part of splitMultipart(entity.body, params.boundary)) collectBodies(parseEntity(part), found);
    return;
  }
  if (/^attachment/i.test(entity.headers['content-disposition'] ?? '')) return;
  const decoded = () => decodeBody(entity, params.charset ?? 'utf-8');
  if (type === 'text/plain' && found.text === undefined) found.text = decoded();
  if (type === 'text/html' && found.html === undefined) found.html = decoded();
}

function contentType(header: string | undefined): { type: string; params: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (header ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

/** The parts between `--boundary` lines, each without the line break that belongs to the delimiter. */
function splitMultipart(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === `--${boundary}--`) break;
    if (line === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeBody(entity: Entity, charset: string): string {
  const encoding = (entity.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(entity.body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(entity.body);
  // A single-part body ends with the line break before the end of the message.
  else bytes = Buffer.from(entity.body.replace(/\r?\n$/, ''), 'latin1');
  return new TextDecoder(charset).decode(bytes).replace(/\r\n/g, '\n');
}

export function decodeQuotedPrintable(encoded: string): Buffer {
  const text = encoded.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/y;

/**
 * Decodes RFC 2047 encoded words. Adjacent words of one charset are joined as
 * bytes before decoding (a character may be split between two words), and the
 * white space between encoded words is dropped, as the RFC says.
 */
export function decodeWords(value: string): string {
  let out = '';
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flush = () => {
    if (pending) out += new TextDecoder(pending.charset).decode(Buffer.concat(pending.bytes));
    pending = undefined;
  };
  let i = 0;
  while (i < value.length) {
    ENCODED_WORD.lastIndex = i;
    const word = ENCODED_WORD.exec(value);
    if (word) {
      const charset = (word[1] as string).toLowerCase().replace(/\*.*$/, '');
      const payload = word[3] as string;
      const bytes =
        (word[2] as string).toUpperCase() === 'B'
          ? Buffer.from(payload, 'base64')
          : decodeQuotedPrintable(payload.replace(/_/g, ' '));
      if (pending && pending.charset !== charset) flush();
      pending ??= { charset, bytes: [] };
      pending.bytes.push(bytes);
      i = ENCODED_WORD.lastIndex;
      continue;
    }
    const space = /^[ \t]+/.exec(value.slice(i))?.[0];
    if (space && pending) {
      ENCODED_WORD.lastIndex = i + space.length;
      if (ENCODED_WORD.test(value)) {
        i += space.length;
        continue;
      }
    }
    flush();
    // Raw header bytes (SMTPUTF8) are UTF-8; plain ASCII is unchanged by this.
    const next = value.indexOf('=?', i + 1);
    const end = next < 0 ? value.length : next;
    out += Buffer.from(value.slice(i, end), 'latin1').toString('utf8');
    i = end;
  }
  flush();
  return out;
}
