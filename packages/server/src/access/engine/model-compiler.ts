/**
 * Turns an OpenFGA model (DSL schema 1.1, or its JSON) into the in-memory form the resolver walks.
 * Validation is `@openfga/syntax-transformer`'s own (the rules OpenFGA applies), so a model OpenFGA
 * refuses is refused here with the same reasons.
 */
import { transformer, validator } from '@openfga/syntax-transformer';
import { EngineError } from './engine-error.ts';
import type {
  AuthorizationModelJson,
  CompiledCondition,
  CompiledModel,
  CompiledRelation,
  CompiledType,
  ConditionParameterType,
  ConditionParamJson,
  DirectlyRelatedType,
  Rewrite,
  UsersetJson,
} from './model-types.ts';

/** Parses and validates a DSL model and returns its JSON form. */
export function modelJsonFromDsl(dsl: string): AuthorizationModelJson {
  try {
    validator.validateDSL(dsl);
    return transformer.transformDSLToJSONObject(dsl) as unknown as AuthorizationModelJson;
  } catch (error) {
    throw new EngineError('invalid_model', readableMessage(error));
  }
}

/** Validates a model given as JSON (the API's form) and compiles it. */
export function compileModel(model: string | AuthorizationModelJson): CompiledModel {
  const json = typeof model === 'string' ? modelJsonFromDsl(model) : validatedJson(model);
  if (json.schema_version !== '1.1') {
    throw new EngineError('invalid_model', `schema version ${json.schema_version} is not supported (1.1 is)`);
  }
  const types = new Map<string, CompiledType>();
  for (const definition of json.type_definitions) {
    const relations = new Map<string, CompiledRelation>();
    const metadata = definition.metadata?.relations ?? {};
    for (const [name, userset] of Object.entries(definition.relations ?? {})) {
      relations.set(name, {
        name,
        rewrite: compileRewrite(userset),
        directlyRelated: (metadata[name]?.directly_related_user_types ?? []).map(
          (reference): DirectlyRelatedType => ({
            type: reference.type,
            ...(reference.relation ? { relation: reference.relation } : {}),
            wildcard: reference.wildcard !== undefined,
            ...(reference.condition ? { condition: reference.condition } : {}),
          }),
        ),
      });
    }
    types.set(definition.type, { name: definition.type, relations });
  }
  const conditions = new Map<string, CompiledCondition>();
  for (const [name, condition] of Object.entries(json.conditions ?? {})) {
    const parameters = new Map<string, ConditionParameterType>();
    for (const [parameter, type] of Object.entries(condition.parameters ?? {})) {
      parameters.set(parameter, parameterType(type));
    }
    conditions.set(name, { name, expression: condition.expression, parameters });
  }
  return { schemaVersion: json.schema_version, types, conditions };
}

function validatedJson(model: AuthorizationModelJson): AuthorizationModelJson {
  if (typeof model !== 'object' || model === null || !Array.isArray(model.type_definitions)) {
    throw new EngineError('invalid_model', 'the model needs schema_version and type_definitions');
  }
  try {
    // The validator's typings want the SDK's model type; the JSON shape is the same.
    validator.validateJSON(model as unknown as Parameters<typeof validator.validateJSON>[0]);
  } catch (error) {
    throw new EngineError('invalid_model', readableMessage(error));
  }
  return model;
}

function compileRewrite(userset: UsersetJson): Rewrite {
  if (userset.this !== undefined) return { kind: 'this' };
  if (userset.computedUserset) return { kind: 'computed', relation: userset.computedUserset.relation ?? '' };
  if (userset.tupleToUserset) {
    return {
      kind: 'tupleToUserset',
      tupleset: userset.tupleToUserset.tupleset.relation ?? '',
      computedRelation: userset.tupleToUserset.computedUserset.relation ?? '',
    };
  }
  if (userset.union) return { kind: 'union', children: userset.union.child.map(compileRewrite) };
  if (userset.intersection) {
    return { kind: 'intersection', children: userset.intersection.child.map(compileRewrite) };
  }
  if (userset.difference) {
    return {
      kind: 'difference',
      base: compileRewrite(userset.difference.base),
      subtract: compileRewrite(userset.difference.subtract),
    };
  }
  throw new EngineError('invalid_model', 'a relation has an empty or unknown rewrite');
}

function parameterType(type: ConditionParamJson): ConditionParameterType {
  const name = type.type_name.replace(/^TYPE_NAME_/, '').toLowerCase();
  if (name === 'map' || name === 'list') {
    const generic = type.generic_types?.[0];
    return { kind: name, of: generic ? parameterType(generic) : { kind: 'any' } };
  }
  const scalar = ['any', 'bool', 'string', 'int', 'uint', 'double', 'duration', 'timestamp', 'ipaddress'];
  if (!scalar.includes(name))
    throw new EngineError('invalid_model', `unknown condition parameter type ${type.type_name}`);
  return { kind: name as 'any' };
}

function readableMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
