/**
 * A feature flag as Keystone stores, serves and evaluates it: the JSON body of `PUT /v1/flags/{key}`,
 * the items of the environment flag set the SDK downloads, and the evaluator's input. One flag holds
 * its variants once and a configuration per environment (on/off, off variant, individual targets,
 * ordered rules, fallthrough that may be a percentage rollout, prerequisites).
 *
 * Everything here is plain JSON (no Dates, no classes), so the same object crosses HTTP, Server-Sent
 * Events and the database unchanged.
 */

/** A variant's value; its JSON type must match the flag's `type`. */
export type FlagValue = boolean | string | number | JsonObject | JsonValue[];
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

/** Rollout weights are in thousandths of a percent: 100_000 is 100%, 10_000 is 10%. */
export const ROLLOUT_TOTAL_WEIGHT = 100_000;

export interface FlagDefinition {
  /** `^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`; the path's key. */
  readonly key: string;
  readonly name?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly type: FlagType;
  /** Variant name (`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`) → value. At least one. */
  readonly variants: Readonly<Record<string, FlagValue>>;
  /**
   * Mixed into every rollout bucket of this flag, so two flags rolled out to 10% do not pick the same
   * 10% of users. Set by the server when the flag is created and kept across replacements (a PUT
   * without it keeps the stored one), so raising a rollout never reshuffles who is in.
   */
  readonly salt?: string;
  /**
   * Per environment (`development`, `staging`, `production`, and any the instance adds). An
   * environment the flag does not list serves `off_variant` with reason DISABLED.
   */
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
  /** Served in environments the flag does not list. */
  readonly off_variant: string;
  /**
   * The flag's version number, set by the server when it serves a flag (ignored in a PUT); the
   * evaluator reports it as `flagMetadata.flagVersion`.
   */
  readonly version?: number;
}

export interface EnvironmentConfig {
  /** Off (or killed): every evaluation serves `off_variant`, reason DISABLED. */
  readonly on: boolean;
  readonly off_variant: string;
  /**
   * Flags (same environment) that must evaluate to the given variant first; otherwise this flag serves
   * `off_variant` with reason PREREQUISITE_FAILED. Cycles are refused when the flag is saved.
   */
  readonly prerequisites?: readonly Prerequisite[];
  /** Individual targets, checked before the rules: an attribute's value in `values` gets `variant`. */
  readonly targets?: readonly Target[];
  /** Ordered: the first rule whose clauses all match serves its `serve`. */
  readonly rules?: readonly Rule[];
  /** Served when the flag is on and no target or rule matched: one variant, or a rollout. */
  readonly fallthrough: Serve;
}

export interface Prerequisite {
  readonly flag: string;
  readonly variant: string;
}

export interface Target {
  readonly variant: string;
  /** The context attribute compared; `targetingKey` (the user) unless set, e.g. `organization`. */
  readonly attribute?: string;
  readonly values: readonly string[];
}

export interface Rule {
  /** A stable id for the rule (kept across edits, shown in evaluation metadata); set by the server if absent. */
  readonly id?: string;
  readonly description?: string;
  /** All must match (AND). An empty list matches everyone. */
  readonly clauses: readonly Clause[];
  readonly serve: Serve;
}

export type Serve = { readonly variant: string } | { readonly rollout: Rollout };

export interface Rollout {
  /**
   * The context attribute whose value is hashed into a bucket: `targetingKey` unless set; e.g.
   * `organization` so that a whole tenant gets the same variant.
   */
  readonly bucket_by?: string;
  /** Weights in thousandths of a percent, summing to ROLLOUT_TOTAL_WEIGHT; buckets fill in this order. */
  readonly variants: readonly WeightedVariant[];
}

export interface WeightedVariant {
  readonly variant: string;
  readonly weight: number;
}

export const CLAUSE_OPERATORS = [
  /** The attribute equals one of `values` (strings, numbers or booleans, compared by type and value). */
  'in',
  /** String attribute contains one of `values`. */
  'contains',
  'starts_with',
  'ends_with',
  /** String attribute matches one of `values` as an RE2 regular expression (linear time, no backtracking). */
  'matches',
  /** Numeric comparisons against each of `values` (any one true). */
  'lt',
  'lte',
  'gt',
  'gte',
  /** Semantic versions (`1.2.3`, `2.0.0-beta.1`); a value that is not one never matches. */
  'semver_eq',
  'semver_lt',
  'semver_gt',
  /** Dates: an ISO 8601 string or epoch milliseconds, on both sides. */
  'before',
  'after',
  /** The context is in one of the segments named by `values` (segment keys). */
  'segment_match',
] as const;
export type ClauseOperator = (typeof CLAUSE_OPERATORS)[number];

export interface Clause {
  /**
   * A context attribute: `targetingKey`, a top-level key (`country`, `plan`), or a dotted path into a
   * nested object (`organization.plan`) when no top-level key has that exact name. Unused for
   * `segment_match`.
   */
  readonly attribute: string;
  readonly operator: ClauseOperator;
  readonly values: readonly (string | number | boolean)[];
  /** Inverts the clause (a missing attribute still never matches, negated or not). */
  readonly negate?: boolean;
}

/** A reusable set of contexts, named in clauses by `segment_match`. Instance-wide, all environments. */
export interface SegmentDefinition {
  /** Same pattern as a flag key. */
  readonly key: string;
  readonly name?: string;
  readonly description?: string;
  /** Compared with the context's `attribute` (`targetingKey` unless set): in, whatever the rules say. */
  readonly included?: readonly string[];
  /** Out, whatever `included` and the rules say. */
  readonly excluded?: readonly string[];
  readonly attribute?: string;
  /** In if any rule matches (each rule's clauses all match); may not use `segment_match` itself. */
  readonly rules?: readonly { readonly clauses: readonly Clause[] }[];
}

/**
 * What an SDK downloads for one environment: every flag and segment, and the version it is at (raised
 * by every change in the instance's flags or segments, so `If-None-Match` and SSE resume can use it).
 */
export interface FlagSet {
  readonly environment: string;
  readonly version: number;
  readonly flags: readonly FlagDefinition[];
  readonly segments: readonly SegmentDefinition[];
}
