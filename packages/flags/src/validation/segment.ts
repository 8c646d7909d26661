/** validateSegment: every fault in a segment definition, each with its JSON pointer. */
import { FLAG_KEY_PATTERN } from '../names.ts';
import { validateClauses } from './clause.ts';
import { type FlagProblem, isRecord, pointer, show } from './problems.ts';

/** Segments need nothing from the instance (they cannot name other segments or flags). */
export function validateSegment(segment: unknown, _known?: unknown): FlagProblem[] {
  const problems: FlagProblem[] = [];
  if (!isRecord(segment)) return [{ path: '', message: 'a segment definition must be an object' }];
  if (typeof segment.key !== 'string' || !FLAG_KEY_PATTERN.test(segment.key)) {
    problems.push({
      path: '/key',
      message: `invalid segment key ${show(segment.key)}: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100`,
    });
  }
  for (const field of ['name', 'description'] as const) {
    if (segment[field] !== undefined && typeof segment[field] !== 'string') {
      problems.push({ path: pointer(field), message: `${field} must be a string` });
    }
  }
  if (
    segment.attribute !== undefined &&
    (typeof segment.attribute !== 'string' || segment.attribute === '')
  ) {
    problems.push({ path: '/attribute', message: 'attribute must be a non-empty string' });
  }
  for (const field of ['included', 'excluded'] as const) {
    const list = segment[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push({ path: pointer(field), message: `${field} must be a list of strings` });
      continue;
    }
    list.forEach((value, index) => {
      if (typeof value !== 'string') {
        problems.push({
          path: pointer(field, index),
          message: `${field} values are strings; ${show(value)} is not one`,
        });
      }
    });
  }
  const rules = segment.rules;
  if (rules === undefined) return problems;
  if (!Array.isArray(rules)) {
    problems.push({ path: '/rules', message: 'rules must be a list' });
    return problems;
  }
  rules.forEach((rule, index) => {
    if (!isRecord(rule)) {
      problems.push({ path: pointer('rules', index), message: 'a segment rule is { "clauses": [...] }' });
      return;
    }
    validateClauses(rule.clauses, ['rules', index, 'clauses'], null, problems);
  });
  return problems;
}
