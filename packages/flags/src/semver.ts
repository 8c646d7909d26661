/**
 * Semantic versions for the semver_* operators: strict (`1.2.3`, `2.0.0-beta.1`; a leading `v` is
 * tolerated, as semver does), so `1.2` or `latest` is not a version and never matches.
 */
import { parse, type SemVer } from 'semver';

export type { SemVer };

/**
 * Parsing is the dearest step of a semver clause, and contexts carry few distinct versions (an app's
 * releases), so parsed versions are remembered; the memory is dropped whole when it fills up.
 */
const parsed = new Map<string, SemVer | null>();
const PARSED_LIMIT = 4_096;

/** The parsed version, or null when `value` is not one. */
export function toSemVer(value: unknown): SemVer | null {
  if (typeof value !== 'string' || value.length > 256) return null;
  let version = parsed.get(value);
  if (version === undefined) {
    version = parse(value);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(value, version);
  }
  return version;
}
