/**
 * OpenFGA's HTTP request and response JSON (its openfga/api protos, as the official SDKs send them),
 * as Zod schemas: the /fga routes validate and document exactly what an OpenFGA client speaks.
 * Field limits are OpenFGA's own (object ≤ 256, relation ≤ 50, user ≤ 512 characters).
 */
import { z } from 'zod';

export const noQuery = z.strictObject({});

/** OpenFGA's store and model ids: ULIDs, 26 Crockford base32 characters. */
export const ulid = z.string().regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, 'must be a ULID');

export const storeParams = z.strictObject({ store_id: ulid });
export const modelParams = z.strictObject({ store_id: ulid, id: ulid });

const object = z.string().min(1).max(256);
const relation = z.string().min(1).max(50);
const user = z.string().min(1).max(512);
const context = z.record(z.string(), z.unknown());

/** OpenFGA's read consistency hint: every Keystone read is strongly consistent, so all are accepted. */
const consistency = z.enum(['UNSPECIFIED', 'MINIMIZE_LATENCY', 'HIGHER_CONSISTENCY']).optional();

export const relationshipCondition = z.strictObject({
  name: z.string().min(1).max(256),
  context: context.optional(),
});

export const tupleKey = z.strictObject({
  user,
  relation,
  object,
  condition: relationshipCondition.optional(),
});

export const tupleKeyWithoutCondition = z.strictObject({ user, relation, object });

export const contextualTuples = z.strictObject({ tuple_keys: z.array(tupleKey).max(100) });

export const pageQuery = z.strictObject({
  page_size: z.coerce.number().int().min(1).max(100).optional(),
  continuation_token: z.string().max(1024).optional(),
});

// ─── Stores ──────────────────────────────────────────────────────────────────────────────────────

export const createStoreBody = z.strictObject({ name: z.string().min(3).max(64) });

export const store = z.strictObject({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: z.string().optional(),
});

export const storeList = z.strictObject({ stores: z.array(store), continuation_token: z.string() });

// ─── Authorization models ────────────────────────────────────────────────────────────────────────

/** A model's type definitions and conditions pass through as JSON; the engine validates them. */
const modelJson = {
  schema_version: z.string().min(1).max(10),
  type_definitions: z.array(z.record(z.string(), z.unknown())).min(1).max(1000),
  conditions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
};

export const writeModelBody = z.union([
  z.strictObject(modelJson),
  z
    .strictObject({
      dsl: z
        .string()
        .min(1)
        .max(512 * 1024),
    })
    .describe('Keystone extension: the model in the OpenFGA DSL (schema 1.1) instead of its JSON'),
  z
    .strictObject({
      modules: z
        .array(z.strictObject({ name: z.string().min(1).max(256), contents: z.string().max(512 * 1024) }))
        .min(1)
        .max(200),
    })
    .describe('Keystone extension: a modular model, its `.fga` module files (schema 1.2)'),
]);

export const writeModelResponse = z.strictObject({ authorization_model_id: z.string() });

export const authorizationModel = z.strictObject({ id: z.string(), ...modelJson });

export const readModelResponse = z.strictObject({ authorization_model: authorizationModel });

export const modelList = z.strictObject({
  authorization_models: z.array(authorizationModel),
  continuation_token: z.string(),
});

// ─── Tuples ──────────────────────────────────────────────────────────────────────────────────────

export const writeBody = z.strictObject({
  writes: z
    .strictObject({
      tuple_keys: z.array(tupleKey).max(100),
      on_duplicate: z.enum(['error', 'ignore']).optional(),
    })
    .optional(),
  deletes: z
    .strictObject({
      tuple_keys: z.array(tupleKeyWithoutCondition).max(100),
      on_missing: z.enum(['error', 'ignore']).optional(),
    })
    .optional(),
  authorization_model_id: ulid.optional(),
});

export const emptyObject = z.strictObject({});

export const readBody = z.strictObject({
  tuple_key: z
    .strictObject({ user: user.optional(), relation: relation.optional(), object: object.optional() })
    .optional(),
  page_size: z.number().int().min(1).max(100).optional(),
  continuation_token: z.string().max(1024).optional(),
  consistency,
});

export const readResponse = z.strictObject({
  tuples: z.array(z.strictObject({ key: tupleKey, timestamp: z.string() })),
  continuation_token: z.string(),
});

export const changesQuery = z.strictObject({
  type: z.string().max(254).optional(),
  page_size: z.coerce.number().int().min(1).max(100).optional(),
  continuation_token: z.string().max(1024).optional(),
  start_time: z.iso.datetime({ offset: true }).optional(),
});

export const changesResponse = z.strictObject({
  changes: z.array(
    z.strictObject({
      tuple_key: tupleKey,
      operation: z.enum(['TUPLE_OPERATION_WRITE', 'TUPLE_OPERATION_DELETE']),
      timestamp: z.string(),
    }),
  ),
  continuation_token: z.string(),
});

// ─── Queries ─────────────────────────────────────────────────────────────────────────────────────

const checkTupleKey = z.strictObject({ user, relation, object });

export const checkBody = z.strictObject({
  tuple_key: checkTupleKey,
  contextual_tuples: contextualTuples.optional(),
  authorization_model_id: ulid.optional(),
  trace: z.boolean().optional(),
  context: context.optional(),
  consistency,
});

export const checkResponse = z.strictObject({ allowed: z.boolean(), resolution: z.string() });

/** OpenFGA's default limit on the checks of one batch (OPENFGA_MAX_CHECKS_PER_BATCH_CHECK). */
export const MAX_CHECKS_PER_BATCH = 50;

export const batchCheckBody = z.strictObject({
  checks: z
    .array(
      z.strictObject({
        tuple_key: checkTupleKey,
        contextual_tuples: contextualTuples.optional(),
        context: context.optional(),
        correlation_id: z.string().regex(/^[\w\d-]{1,36}$/, 'must be 1–36 letters, digits, _ or -'),
      }),
    )
    .min(1)
    .max(MAX_CHECKS_PER_BATCH),
  authorization_model_id: ulid.optional(),
  consistency,
});

export const checkError = z.strictObject({
  input_error: z.string().optional(),
  internal_error: z.string().optional(),
  message: z.string(),
});

export const batchCheckResponse = z.strictObject({
  result: z.record(z.string(), z.strictObject({ allowed: z.boolean(), error: checkError.optional() })),
});

export const noContent = { 204: z.null().describe('No content') };

export const eraseBody = z
  .union([z.strictObject({ user }), z.strictObject({ object })])
  .describe('Exactly one of `user` (that exact user) or `object` (its tuples and every tuple naming it)');

export const eraseResponse = z.strictObject({ deleted: z.number().int() });
