/** Segments compiled to membership predicates: excluded, then included, then any rule. */
import type { SegmentDefinition } from '../definition.ts';
import { DEFAULT_ATTRIBUTE } from '../names.ts';
import { attributeKey, attributeReader } from './attributes.ts';
import { type ContextPredicate, compileClauses } from './clauses.ts';

const NO_SEGMENTS = new Map<string, ContextPredicate>();

export function compileSegments(segments: readonly SegmentDefinition[]): Map<string, ContextPredicate> {
  const compiled = new Map<string, ContextPredicate>();
  for (const segment of segments) {
    try {
      compiled.set(segment.key, compileSegment(segment));
    } catch {
      // An invalid segment (the set was not validated) contains no one, rather than failing every flag.
      compiled.set(segment.key, () => false);
    }
  }
  return compiled;
}

function compileSegment(segment: SegmentDefinition): ContextPredicate {
  const read = attributeReader(segment.attribute ?? DEFAULT_ATTRIBUTE);
  const included = new Set(segment.included ?? []);
  const excluded = new Set(segment.excluded ?? []);
  // Segments do not nest: segment_match inside a segment matches nothing.
  const rules = (segment.rules ?? []).map((rule) => compileClauses(rule.clauses, NO_SEGMENTS));
  return (context) => {
    const key = attributeKey(read(context));
    if (key !== undefined) {
      if (excluded.has(key)) return false;
      if (included.has(key)) return true;
    }
    for (const rule of rules) if (rule(context)) return true;
    return false;
  };
}
