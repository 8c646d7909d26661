/** Checks one rule clause: its attribute, operator, and that every value is of the operator's kind. */

import { toEpochMillis } from '../dates.ts';
import { CLAUSE_OPERATORS, type ClauseOperator } from '../definition.ts';
import { regexProblem } from '../regex.ts';
import { toSemVer } from '../semver.ts';
import { type FlagProblem, isRecord, pointer, show } from './problems.ts';

const OPERATORS: ReadonlySet<string> = new Set(CLAUSE_OPERATORS);

/** Where segment_match may point: the known segment keys, or null inside a segment (not allowed there). */
export type SegmentScope = ReadonlySet<string> | null;

export function validateClauses(
  clauses: unknown,
  path: readonly (string | number)[],
  segments: SegmentScope,
  problems: FlagProblem[],
): void {
  if (!Array.isArray(clauses)) {
    problems.push({
      path: pointer(...path),
      message: 'clauses must be a list (an empty list matches everyone)',
    });
    return;
  }
  clauses.forEach((clause, index) => {
    validateClause(clause, [...path, index], segments, problems);
  });
}

function validateClause(
  clause: unknown,
  path: readonly (string | number)[],
  segments: SegmentScope,
  problems: FlagProblem[],
): void {
  if (!isRecord(clause)) {
    problems.push({ path: pointer(...path), message: 'a clause must be an object' });
    return;
  }
  const { attribute, operator, values, negate } = clause;
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    problems.push({
      path: pointer(...path, 'operator'),
      message: `unknown operator ${show(operator)}; one of ${CLAUSE_OPERATORS.join(', ')}`,
    });
    return;
  }
  if (operator !== 'segment_match' && (typeof attribute !== 'string' || attribute.length === 0)) {
    problems.push({ path: pointer(...path, 'attribute'), message: 'attribute must be a non-empty string' });
  }
  if (negate !== undefined && typeof negate !== 'boolean') {
    problems.push({ path: pointer(...path, 'negate'), message: 'negate must be true or false' });
  }
  if (!Array.isArray(values) || values.length === 0) {
    problems.push({ path: pointer(...path, 'values'), message: 'values must be a non-empty list' });
    return;
  }
  if (operator === 'segment_match' && segments === null) {
    problems.push({
      path: pointer(...path, 'operator'),
      message: 'a segment cannot use segment_match (segments do not nest)',
    });
    return;
  }
  values.forEach((value, index) => {
    const fault = valueFault(operator as ClauseOperator, value, segments);
    if (fault) problems.push({ path: pointer(...path, 'values', index), message: fault });
  });
}

/** Why `value` cannot be compared with `operator`, or null when it can. */
function valueFault(operator: ClauseOperator, value: unknown, segments: SegmentScope): string | null {
  switch (operator) {
    case 'in':
      return typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)
        ? null
        : `${show(value)} is not a string, number or boolean`;
    case 'contains':
    case 'starts_with':
    case 'ends_with':
      return typeof value === 'string' ? null : `${operator} compares strings; ${show(value)} is not one`;
    case 'matches': {
      if (typeof value !== 'string')
        return `matches takes regular expressions; ${show(value)} is not a string`;
      const fault = regexProblem(value);
      return fault === null ? null : `${show(value)} is not a valid RE2 regular expression: ${fault}`;
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return Number.isFinite(value) ? null : `${operator} compares numbers; ${show(value)} is not a number`;
    case 'semver_eq':
    case 'semver_lt':
    case 'semver_gt':
      return toSemVer(value) !== null
        ? null
        : `${operator} compares semantic versions; ${show(value)} is not one (e.g. 1.2.3 or 2.0.0-beta.1)`;
    case 'before':
    case 'after':
      return Number.isNaN(toEpochMillis(value))
        ? `${operator} compares dates; ${show(value)} is not an ISO 8601 date or epoch milliseconds`
        : null;
    case 'segment_match':
      if (typeof value !== 'string')
        return `segment_match takes segment keys; ${show(value)} is not a string`;
      return segments?.has(value) ? null : `unknown segment ${show(value)}`;
  }
}
