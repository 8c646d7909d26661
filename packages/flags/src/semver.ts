/**
 * Semantic versions for the semver_* operators: strict (`1.2.3`, `2.0.0-beta.1`; a leading `v` is
 * tolerated, as semver does), so `1.2` or `latest` is not a version and never matches.
 */
import { parse, type SemVer } from 'semver';

export type { SemVer };

/** The parsed version, or null when `value` is not one. */
export function toSemVer(value: unknown): SemVer | null {
  return typeof value === 'string' && value.length <= 256 ? parse(value) : null;
}
