/**
 * The compiled form of an OpenFGA authorization model: what the check resolver walks. Built once per
 * model (model-compiler.ts) and held in memory, so a check never re-reads the model's JSON.
 */

/** How a relation is computed from tuples and other relations (OpenFGA's userset rewrites). */
export type Rewrite =
  | { readonly kind: 'this' }
  | { readonly kind: 'computed'; readonly relation: string }
  | { readonly kind: 'tupleToUserset'; readonly tupleset: string; readonly computedRelation: string }
  | { readonly kind: 'union'; readonly children: readonly Rewrite[] }
  | { readonly kind: 'intersection'; readonly children: readonly Rewrite[] }
  | { readonly kind: 'difference'; readonly base: Rewrite; readonly subtract: Rewrite };

/** One entry of `[user, user:*, group#member, user with cond]`: who may appear in a direct tuple. */
export interface DirectlyRelatedType {
  readonly type: string;
  /** `group#member`: the tuple's user is a userset of this relation. */
  readonly relation?: string;
  /** `user:*`: the typed wildcard. */
  readonly wildcard: boolean;
  /** `user with cond`: the tuple must carry this condition. */
  readonly condition?: string;
}

export interface CompiledRelation {
  readonly name: string;
  readonly rewrite: Rewrite;
  readonly directlyRelated: readonly DirectlyRelatedType[];
}

export interface CompiledType {
  readonly name: string;
  readonly relations: ReadonlyMap<string, CompiledRelation>;
}

/** OpenFGA's condition parameter types, without the `TYPE_NAME_` prefix, lower-cased. */
export type ConditionParameterType =
  | {
      readonly kind:
        | 'any'
        | 'bool'
        | 'string'
        | 'int'
        | 'uint'
        | 'double'
        | 'duration'
        | 'timestamp'
        | 'ipaddress';
    }
  | { readonly kind: 'map' | 'list'; readonly of: ConditionParameterType };

export interface CompiledCondition {
  readonly name: string;
  readonly expression: string;
  readonly parameters: ReadonlyMap<string, ConditionParameterType>;
}

export interface CompiledModel {
  readonly schemaVersion: string;
  readonly types: ReadonlyMap<string, CompiledType>;
  readonly conditions: ReadonlyMap<string, CompiledCondition>;
}

/** The JSON form of a model, as OpenFGA's API and `@openfga/syntax-transformer` write it. */
export interface AuthorizationModelJson {
  schema_version: string;
  type_definitions: TypeDefinitionJson[];
  conditions?: Record<string, ConditionJson>;
}

export interface TypeDefinitionJson {
  type: string;
  relations?: Record<string, UsersetJson>;
  metadata?: {
    relations?: Record<string, { directly_related_user_types?: RelationReferenceJson[] }> | null;
  } | null;
}

export interface UsersetJson {
  this?: object;
  computedUserset?: { relation?: string };
  tupleToUserset?: { tupleset: { relation?: string }; computedUserset: { relation?: string } };
  union?: { child: UsersetJson[] };
  intersection?: { child: UsersetJson[] };
  difference?: { base: UsersetJson; subtract: UsersetJson };
}

export interface RelationReferenceJson {
  type: string;
  relation?: string;
  wildcard?: object;
  condition?: string;
}

export interface ConditionParamJson {
  type_name: string;
  generic_types?: ConditionParamJson[];
}

export interface ConditionJson {
  name: string;
  expression: string;
  parameters?: Record<string, ConditionParamJson>;
}
