/**
 * Why the access service refuses a request. The codes are OpenFGA's error names, so the wire layer
 * (routes, later) maps each to OpenFGA's status and code without guessing; none is ever an allow.
 */
export type AccessErrorCode =
  /** No live store with this id in the organization (another org's store is not found either). */
  | 'store_id_not_found'
  /** The model id names no model of the store. */
  | 'authorization_model_not_found'
  /** The store has no model yet. */
  | 'latest_authorization_model_not_found'
  /** A written model does not parse or validate (OpenFGA answers validation_error, 2000). */
  | 'invalid_authorization_model'
  /** A tuple does not fit the model or is malformed (OpenFGA validation_error / invalid_tuple). */
  | 'invalid_tuple'
  /** A write of a tuple that exists, or a delete of one that does not (OpenFGA write_failed_due_to_invalid_input). */
  | 'write_failed_due_to_invalid_input'
  /** A write with nothing to write or delete (OpenFGA invalid_write_input). */
  | 'invalid_write_input'
  /** The same tuple twice in one request (OpenFGA cannot_allow_duplicate_tuples_in_one_request). */
  | 'cannot_allow_duplicate_tuples_in_one_request'
  /** More than 100 tuples in one write request (OpenFGA exceeded_entity_limit). */
  | 'exceeded_entity_limit'
  /** A malformed read filter (OpenFGA validation_error). */
  | 'validation_error'
  /** A continuation token this store did not issue for this query (OpenFGA invalid_continuation_token). */
  | 'invalid_continuation_token';

export class AccessError extends Error {
  readonly code: AccessErrorCode;
  constructor(code: AccessErrorCode, message: string) {
    super(message);
    this.name = 'AccessError';
    this.code = code;
  }
}
