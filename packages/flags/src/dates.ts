/**
 * Dates in clauses and contexts: epoch milliseconds, or an ISO 8601 date or date-time string. Only the
 * ISO shapes are accepted (Date.parse alone takes many loose, engine-specific formats), so a date means
 * the same in Node and every browser.
 */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch milliseconds, or NaN when `value` is not a date. */
export function toEpochMillis(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== 'string' || !ISO_8601.test(value)) return Number.NaN;
  return Date.parse(value);
}
