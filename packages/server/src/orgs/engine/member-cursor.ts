/** Member list cursors: opaque to clients, the (joined at, user id) of the last member of a page. */
export type MemberCursor = { createdAt: Date; userId: string };

export function encodeMemberCursor(cursor: MemberCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.userId])).toString('base64url');
}

/** Undefined for anything that is not a cursor this server made. */
export function decodeMemberCursor(text: string): MemberCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [at, userId] = parsed;
    if (typeof at !== 'string' || typeof userId !== 'string') return undefined;
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime())) return undefined;
    return { createdAt, userId };
  } catch {
    return undefined;
  }
}
