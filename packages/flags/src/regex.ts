/**
 * Regular expressions for the `matches` operator run on RE2 (re2js): linear time in the input, so a
 * pattern such as `(a+)+$` cannot be turned into a denial of service by a crafted attribute value.
 */
import { RE2JS } from 're2js';

export interface SafeRegex {
  /** True when the pattern matches anywhere in `input` (unanchored, like RegExp.prototype.test). */
  test(input: string): boolean;
}

/** Compiles `pattern` with RE2 syntax; throws a message naming the syntax fault when it is not valid. */
export function compileSafeRegex(pattern: string): SafeRegex {
  return RE2JS.compile(pattern);
}

/** Why `pattern` is not a valid RE2 expression, or null when it is. */
export function regexProblem(pattern: string): string | null {
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
