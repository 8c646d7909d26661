/**
 * What changed between two versions of a definition, as the list of fields that differ
 * (`variants`, `environments.production.on`, `environments.staging` when one is added or removed),
 * and a one-line summary for people.
 */
export type ChangeDescription = { changes: string[]; summary: string };

export function describeChange(
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>>,
): ChangeDescription {
  if (!before) return { changes: ['created'], summary: 'created' };
  const changes: string[] = [];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of [...fields].sort()) {
    if (field === 'environments') continue;
    if (!sameJson(before[field], after[field])) changes.push(field);
  }
  changes.push(...environmentChanges(before.environments, after.environments));
  return { changes, summary: changes.length === 0 ? 'no change' : `changed ${changes.join(', ')}` };
}

function environmentChanges(before: unknown, after: unknown): string[] {
  const old = (before ?? {}) as Record<string, Record<string, unknown>>;
  const next = (after ?? {}) as Record<string, Record<string, unknown>>;
  const changes: string[] = [];
  for (const name of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort()) {
    const a = old[name];
    const b = next[name];
    if (!a || !b) {
      changes.push(`environments.${name} ${a ? 'removed' : 'added'}`);
      continue;
    }
    for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!sameJson(a[field], b[field])) changes.push(`environments.${name}.${field}`);
    }
  }
  return changes;
}

/** Equal as JSON values, whatever the order of object keys (jsonb does not keep it). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted: the same text for equal values, whatever the key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
