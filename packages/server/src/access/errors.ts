import { registerErrorCodes } from '../platform/errors/codes.ts';

/**
 * The access-control module's problem codes. They are OpenFGA's own error names (and statuses), so a
 * client written for OpenFGA reads `code` as it would from OpenFGA; docs/errors.md lists them.
 */
export const accessErrorCodes = {
  validation_error: { status: 400, title: 'The request is not valid for this store or model' },
  store_id_not_found: { status: 404, title: 'No store with this id in the organization' },
  authorization_model_not_found: { status: 400, title: 'No authorization model with this id in the store' },
  latest_authorization_model_not_found: { status: 400, title: 'The store has no authorization model yet' },
  invalid_authorization_model: { status: 400, title: 'The authorization model is not valid' },
  invalid_tuple: { status: 400, title: 'A tuple does not fit the authorization model' },
  write_failed_due_to_invalid_input: {
    status: 400,
    title: 'A written tuple exists already, or a deleted one does not exist',
  },
  invalid_write_input: { status: 400, title: 'A write needs at least one tuple to write or delete' },
  cannot_allow_duplicate_tuples_in_one_request: {
    status: 400,
    title: 'The same tuple appears twice in one request',
  },
  exceeded_entity_limit: { status: 400, title: 'The request holds more items than one request may' },
  invalid_continuation_token: { status: 400, title: 'The continuation token is not valid for this query' },
  authorization_model_resolution_too_complex: {
    status: 400,
    title: 'Resolving the request went past the depth limit of the authorization model',
  },
  type_not_found: { status: 400, title: 'The authorization model has no such type' },
  relation_not_found: { status: 400, title: 'The type has no such relation in the authorization model' },
  result_limit_exceeded: {
    status: 422,
    title: 'The complete answer is larger than the configured maximum; narrow the request',
  },
  deadline_exceeded: { status: 504, title: 'The request was not decided before its deadline' },
} as const;

registerErrorCodes(accessErrorCodes);
