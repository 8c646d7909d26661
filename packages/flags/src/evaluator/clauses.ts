/**
 * Clauses compiled to predicates ahead of evaluation: value sets, RE2 programs, parsed versions and
 * dates, and the extreme bound for the ordered comparisons (`lt` any of [3, 5] is `< 5`).
 *
 * Semantics: a missing attribute never matches, negated or not. An attribute that is a list matches
 * when any element does. An attribute of the wrong kind for the operator (a number for `starts_with`,
 * `1.2` for a semver operator) does not match, and so matches when negated.
 */
import { compare } from 'semver';
import { toEpochMillis } from '../dates.ts';
import type { Clause } from '../definition.ts';
import type { EvaluationContext } from '../evaluation.ts';
import { compileSafeRegex } from '../regex.ts';
import { type SemVer, toSemVer } from '../semver.ts';
import { attributeReader } from './attributes.ts';

export type ContextPredicate = (context: EvaluationContext) => boolean;
type ValuePredicate = (value: unknown) => boolean;

/** Segment key → whether a context is in it. */
export type SegmentLookup = ReadonlyMap<string, ContextPredicate>;

export function compileClauses(clauses: readonly Clause[], segments: SegmentLookup): ContextPredicate {
  const predicates = clauses.map((clause) => compileClause(clause, segments));
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0] as ContextPredicate;
  return (context) => {
    for (const predicate of predicates) if (!predicate(context)) return false;
    return true;
  };
}

export function compileClause(clause: Clause, segments: SegmentLookup): ContextPredicate {
  const negate = clause.negate === true;
  if (clause.operator === 'segment_match') {
    const members = clause.values.flatMap((key) => segments.get(String(key)) ?? []);
    return (context) => {
      let matched = false;
      for (const isMember of members) {
        if (isMember(context)) {
          matched = true;
          break;
        }
      }
      return matched !== negate;
    };
  }
  const read = attributeReader(clause.attribute);
  const test = valuePredicate(clause);
  return (context) => {
    const value = read(context);
    if (value === undefined) return false;
    if (!Array.isArray(value)) return test(value) !== negate;
    for (const element of value)
      if (element !== undefined && element !== null && test(element)) return !negate;
    return negate;
  };
}

function valuePredicate(clause: Clause): ValuePredicate {
  const values = clause.values;
  switch (clause.operator) {
    case 'in': {
      if (values.length === 1) {
        const only = values[0];
        return (value) => value === only;
      }
      const set = new Set<unknown>(values);
      return (value) => set.has(value);
    }
    case 'contains':
      return stringTest(values, (value, part) => value.includes(part));
    case 'starts_with':
      return stringTest(values, (value, part) => value.startsWith(part));
    case 'ends_with':
      return stringTest(values, (value, part) => value.endsWith(part));
    case 'matches': {
      const regexes = strings(values).map(compileSafeRegex);
      return (value) => {
        if (typeof value !== 'string') return false;
        for (const regex of regexes) if (regex.test(value)) return true;
        return false;
      };
    }
    case 'lt':
    case 'lte': {
      const bound = Math.max(...numbers(values));
      return clause.operator === 'lt'
        ? (value) => typeof value === 'number' && value < bound
        : (value) => typeof value === 'number' && value <= bound;
    }
    case 'gt':
    case 'gte': {
      const bound = Math.min(...numbers(values));
      return clause.operator === 'gt'
        ? (value) => typeof value === 'number' && value > bound
        : (value) => typeof value === 'number' && value >= bound;
    }
    case 'semver_eq':
    case 'semver_lt':
    case 'semver_gt':
      return semverTest(clause.operator, values);
    case 'before': {
      const bound = Math.max(...dates(values));
      return (value) => toEpochMillis(value) < bound;
    }
    case 'after': {
      const bound = Math.min(...dates(values));
      return (value) => toEpochMillis(value) > bound;
    }
    default:
      throw new Error(`unknown operator ${String(clause.operator)}`);
  }
}

function stringTest(
  values: Clause['values'],
  test: (value: string, part: string) => boolean,
): ValuePredicate {
  const parts = strings(values);
  return (value) => {
    if (typeof value !== 'string') return false;
    for (const part of parts) if (test(value, part)) return true;
    return false;
  };
}

function semverTest(
  operator: 'semver_eq' | 'semver_lt' | 'semver_gt',
  values: Clause['values'],
): ValuePredicate {
  const versions = values.map(toSemVer).filter((version): version is SemVer => version !== null);
  if (versions.length === 0) return () => false;
  const sorted = versions.sort(compare);
  const lowest = sorted[0] as SemVer;
  const highest = sorted[sorted.length - 1] as SemVer;
  return (value) => {
    const version = toSemVer(value);
    if (version === null) return false;
    if (operator === 'semver_lt') return compare(version, highest) < 0;
    if (operator === 'semver_gt') return compare(version, lowest) > 0;
    for (const candidate of sorted) if (compare(version, candidate) === 0) return true;
    return false;
  };
}

function strings(values: Clause['values']): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}

function numbers(values: Clause['values']): number[] {
  return values.filter((value): value is number => Number.isFinite(value));
}

function dates(values: Clause['values']): number[] {
  return values.map(toEpochMillis).filter((millis) => !Number.isNaN(millis));
}
