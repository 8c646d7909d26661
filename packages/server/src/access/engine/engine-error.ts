/**
 * Why the engine refuses a model or cannot decide a check. Each kind maps to one OpenFGA error code
 * (the HTTP layer translates); none of them is ever an allow.
 */
export type EngineFailureKind =
  /** The model does not parse or does not validate (OpenFGA 2000 on write). */
  | 'invalid_model'
  /** The request names a type, relation or user the model does not have, or is malformed (2000). */
  | 'invalid_request'
  /** A contextual tuple does not fit the model's type restrictions (2027). */
  | 'invalid_contextual_tuple'
  /** Resolution went deeper than the limit (2002): fail closed. */
  | 'depth_exceeded'
  /** A condition needs a parameter the tuple and the request did not give (2000). */
  | 'missing_condition_parameter'
  /** A condition could not be evaluated: a bad parameter value or a runtime CEL error (2000). */
  | 'condition_error'
  /** The tuple reader failed (storage error): fail closed. */
  | 'storage_error'
  /** The request's deadline passed before the check was decided: fail closed. */
  | 'deadline_exceeded'
  /** A list request names a type the model does not have (OpenFGA type_not_found, 2021). */
  | 'type_not_found'
  /** A list request names a relation its type does not have (OpenFGA relation_not_found, 2022). */
  | 'relation_not_found'
  /** A list met its configured maximum: an explicit refusal, never a list cut short. */
  | 'result_limit_exceeded';

export class EngineError extends Error {
  readonly kind: EngineFailureKind;
  constructor(kind: EngineFailureKind, message: string) {
    super(message);
    this.name = 'EngineError';
    this.kind = kind;
  }
}

/**
 * OpenFGA's numeric error code for a failure (its ErrorCode enum), for the wire layer and the
 * conformance runner; undefined for failures OpenFGA answers as internal errors.
 */
export function openFgaErrorCode(kind: EngineFailureKind): number | undefined {
  switch (kind) {
    case 'invalid_model':
    case 'invalid_request':
    case 'missing_condition_parameter':
    case 'condition_error':
      return 2000; // validation_error
    case 'depth_exceeded':
      return 2002; // authorization_model_resolution_too_complex
    case 'invalid_contextual_tuple':
      return 2027; // invalid_tuple
    case 'type_not_found':
      return 2021;
    case 'relation_not_found':
      return 2022;
    case 'storage_error':
    case 'deadline_exceeded':
    case 'result_limit_exceeded':
      return undefined;
  }
}
