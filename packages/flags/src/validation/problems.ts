/** What validation reports: one fault, where it is (a JSON pointer into the definition) and what it is. */
export interface FlagProblem {
  /** E.g. `/environments/production/rules/0/clauses/1/values/0`; `''` is the whole definition. */
  readonly path: string;
  readonly message: string;
}

/** A JSON pointer (RFC 6901) from its segments: `~` and `/` inside a segment are escaped. */
export function pointer(...segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) path += `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return path;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value reads in a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
