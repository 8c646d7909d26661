/**
 * OpenFGA's Expand, ListObjects and ListUsers request and response JSON, as Zod schemas (the check
 * and tuple shapes they reuse are in fga-wire-schemas.ts).
 */
import { z } from 'zod';
import { contextualTuples, tupleKey, ulid } from './fga-wire-schemas.ts';

const typeName = z.string().min(1).max(254);
const relation = z.string().min(1).max(50);
const object = z.string().min(1).max(256);
const user = z.string().min(1).max(512);
const context = z.record(z.string(), z.unknown());
const consistency = z.enum(['UNSPECIFIED', 'MINIMIZE_LATENCY', 'HIGHER_CONSISTENCY']).optional();

export const expandBody = z.strictObject({
  tuple_key: z.strictObject({ relation, object }),
  authorization_model_id: ulid.optional(),
  contextual_tuples: contextualTuples.optional(),
  consistency,
});

/** The tree is recursive (nodes of nodes); its shape is OpenFGA's UsersetTree, passed through as built. */
export const expandResponse = z.strictObject({
  tree: z.strictObject({ root: z.record(z.string(), z.unknown()) }),
});

export const listObjectsBody = z.strictObject({
  authorization_model_id: ulid.optional(),
  type: typeName,
  relation,
  user,
  contextual_tuples: contextualTuples.optional(),
  context: context.optional(),
  consistency,
});

export const listObjectsResponse = z.strictObject({ objects: z.array(z.string()) });

export const listUsersBody = z.strictObject({
  authorization_model_id: ulid.optional(),
  object: z.strictObject({ type: typeName, id: z.string().min(1).max(256) }),
  relation,
  user_filters: z
    .array(z.strictObject({ type: typeName, relation: relation.optional() }))
    .min(1)
    .max(1),
  contextual_tuples: z.array(tupleKey).max(100).optional(),
  context: context.optional(),
  consistency,
});

export const listedUser = z.union([
  z.strictObject({ object: z.strictObject({ type: z.string(), id: z.string() }) }),
  z.strictObject({
    userset: z.strictObject({ type: z.string(), id: z.string(), relation: z.string() }),
  }),
  z.strictObject({ wildcard: z.strictObject({ type: z.string() }) }),
]);

export const listUsersResponse = z.strictObject({ users: z.array(listedUser) });
