/**
 * The wire shape of flag and segment definitions (packages/flags/src/definition.ts). These schemas
 * check structure only (unknown fields and wrong JSON kinds are 400 `validation_failed`); everything
 * that needs meaning (names, variants, types of variant values, operators' values, weights, regexes,
 * environments, segments, prerequisites) is @keystone/flags' validateFlag, answered 422 `flag_invalid`.
 */
import { CLAUSE_OPERATORS, FLAG_TYPES } from '@keystone/flags';
import { z } from 'zod';

const name = z.string().max(200);
const text = z.string().max(2_000);
const clauseValue = z.union([z.string(), z.number(), z.boolean()]);

const clause = z.strictObject({
  attribute: z.string().max(200),
  operator: z.enum(CLAUSE_OPERATORS),
  values: z.array(clauseValue).max(10_000),
  negate: z.boolean().optional(),
});

const rollout = z.strictObject({
  bucket_by: z.string().max(200).optional(),
  variants: z.array(z.strictObject({ variant: z.string(), weight: z.number() })).max(100),
});

const serve = z.union([z.strictObject({ variant: z.string() }), z.strictObject({ rollout })]);

const rule = z.strictObject({
  id: z.string().max(100).optional(),
  description: text.optional(),
  clauses: z.array(clause).max(100),
  serve,
});

const environmentConfig = z.strictObject({
  on: z.boolean(),
  off_variant: z.string(),
  prerequisites: z
    .array(z.strictObject({ flag: z.string(), variant: z.string() }))
    .max(100)
    .optional(),
  targets: z
    .array(
      z.strictObject({
        variant: z.string(),
        attribute: z.string().max(200).optional(),
        values: z.array(z.string()).max(10_000),
      }),
    )
    .max(100)
    .optional(),
  rules: z.array(rule).max(500).optional(),
  fallthrough: serve,
});

export const flagDefinition = z.strictObject({
  key: z.string().max(100).optional().describe('The path’s key; may be left out'),
  name: name.optional(),
  description: text.optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
  type: z.enum(FLAG_TYPES),
  // Any JSON value (its type is checked against the flag's by validateFlag). Not z.json(): that schema is
  // recursive, and the OpenAPI document would carry a $ref to nowhere.
  variants: z
    .record(z.string(), z.unknown())
    .describe('Variant name → value (a JSON value of the flag’s type)'),
  salt: z.string().max(100).optional().describe('Set by the server on create and kept; may be left out'),
  environments: z.record(z.string(), environmentConfig),
  off_variant: z.string().describe('Served in environments the flag does not configure'),
});

export const segmentDefinition = z.strictObject({
  key: z.string().max(100).optional().describe('The path’s key; may be left out'),
  name: name.optional(),
  description: text.optional(),
  attribute: z.string().max(200).optional(),
  included: z.array(z.string()).max(100_000).optional(),
  excluded: z.array(z.string()).max(100_000).optional(),
  rules: z
    .array(z.strictObject({ clauses: z.array(clause).max(100) }))
    .max(500)
    .optional(),
});
