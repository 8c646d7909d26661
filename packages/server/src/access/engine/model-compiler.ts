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
  let json: AuthorizationModelJson;
  try {
    json = transformer.transformDSLToJSONObject(dsl) as unknown as AuthorizationModelJson;
  } catch (error) {
    throw new EngineError('invalid_model', readableMessage(error));
  }
  return validated(json, dsl);
}

/** A file of a modular model: `fga.mod` (optional here) and the `.fga` module files it lists. */
export interface ModuleFile {
  readonly name: string;
  readonly contents: string;
}

/**
 * Combines a modular model's module files (OpenFGA's schema 1.2: `module core` ... `extend type`) into
 * one validated JSON model, as OpenFGA's CLI does before writing it. `fga.mod` itself is skipped: the
 * files given are the modules.
 */
export function modelJsonFromModules(files: readonly ModuleFile[]): AuthorizationModelJson {
  const modules = files.filter((file) => file.name !== 'fga.mod');
  let json: AuthorizationModelJson;
  try {
    json = transformer.transformModuleFilesToModel(
      modules.map((file) => ({ name: file.name, contents: file.contents })),
      '1.2',
    ) as unknown as AuthorizationModelJson;
  } catch (error) {
    throw new EngineError('invalid_model', readableMessage(error));
  }
  return validated(json);
}

/** Schema 1.1, and 1.2: a modular model, whose semantics are 1.1's (modules only say where types come from). */
const SUPPORTED_SCHEMAS = new Set(['1.1', '1.2']);

/** Validates a model given as JSON (the API's form) and compiles it. */
export function compileModel(model: string | AuthorizationModelJson): CompiledModel {
  const json = typeof model === 'string' ? modelJsonFromDsl(model) : validatedJson(model);
  if (!SUPPORTED_SCHEMAS.has(json.schema_version)) {
    throw new EngineError(
      'invalid_model',
      `schema version ${json.schema_version} is not supported (1.1, and 1.2 for modular models, are)`,
    );
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
  return validated(model);
}

type ValidatorModel = Parameters<typeof validator.validateJSON>[0];

/** The transformer's validation (the DSL text, when given, lets its messages name lines). */
function validated(model: AuthorizationModelJson, dsl?: string): AuthorizationModelJson {
  try {
    try {
      validator.validateJSON(model as unknown as ValidatorModel, {}, dsl);
    } catch (error) {
      // syntax-transformer 0.2.2 crashes (TypeError) on a conditional tupleset (`parent: [folder with c]`):
      // its entry-point walk looks the type up as "folder with c". Validate again without those
      // conditions; conditionsDefined() below still checks they exist and are defined.
      if (!(error instanceof TypeError)) throw error;
      try {
        validator.validateJSON(withoutConditions(model) as unknown as ValidatorModel);
      } catch (retryError) {
        // Stripping them makes the conditions look unused; that one complaint is ours, not the model's.
        const errors = (retryError as { errors?: Array<{ type?: string }> }).errors;
        if (!errors?.every((e) => e.type === 'condition-not-used')) throw retryError;
      }
    }
  } catch (error) {
    throw new EngineError('invalid_model', readableMessage(error));
  }
  conditionsDefined(model);
  return model;
}

function withoutConditions(model: AuthorizationModelJson): AuthorizationModelJson {
  const copy = structuredClone(model);
  for (const definition of copy.type_definitions) {
    for (const relation of Object.values(definition.metadata?.relations ?? {})) {
      const seen = new Set<string>();
      relation.directly_related_user_types = (relation.directly_related_user_types ?? [])
        .map(({ condition: _condition, ...reference }) => reference)
        .filter((reference) => {
          const key = `${reference.type}#${reference.relation ?? ''}${reference.wildcard ? '*' : ''}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
    }
  }
  return copy;
}

function conditionsDefined(model: AuthorizationModelJson): void {
  for (const definition of model.type_definitions) {
    for (const [name, relation] of Object.entries(definition.metadata?.relations ?? {})) {
      for (const reference of relation.directly_related_user_types ?? []) {
        if (reference.condition && !model.conditions?.[reference.condition]) {
          throw new EngineError(
            'invalid_model',
            `${definition.type}#${name} names condition '${reference.condition}', which the model does not define`,
          );
        }
      }
    }
  }
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
