/**
 * Reading a context attribute, compiled once per name: the exact key first (`country`, or a key that
 * itself contains dots), else a dotted path into nested objects (`organization.plan`). Missing is
 * `undefined`; a `null` reads as missing too. Only own properties count, so an attribute named
 * `constructor` or `__proto__` is not found on the prototype.
 */
import type { EvaluationContext } from '../evaluation.ts';

export type AttributeReader = (context: EvaluationContext) => unknown;

export function attributeReader(attribute: string): AttributeReader {
  if (!attribute.includes('.')) return (context) => own(context, attribute);
  const path = attribute.split('.');
  return (context) => {
    const exact = own(context, attribute);
    if (exact !== undefined) return exact;
    let value: unknown = context;
    for (const segment of path) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = own(value, segment);
    }
    return value;
  };
}

function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? ((object as Record<string, unknown>)[key] ?? undefined) : undefined;
}

/** An attribute as the string that targets, segments and rollouts compare: strings and finite numbers. */
export function attributeKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
