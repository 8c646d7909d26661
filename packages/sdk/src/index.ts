export { createKeystoneClient, type KeystoneClient, type KeystoneClientOptions } from './client.ts';
export {
  errorFromResponse,
  isKeystoneApiError,
  KeystoneApiError,
  type Problem,
  type ProblemField,
} from './errors.ts';
export {
  BUILT_IN_PERMISSIONS,
  KEYSTONE_ERROR_CODES,
  type KeystoneErrorCode,
} from './generated/error-codes.ts';
export type { components, operations, paths } from './generated/openapi.ts';
