import { registerErrorCodes } from '../platform/errors/codes.ts';

/** The flags module's problem codes (docs/errors.md lists them). */
export const flagsErrorCodes = {
  flag_invalid: { status: 422, title: 'The flag definition is not valid' },
  segment_invalid: { status: 422, title: 'The segment definition is not valid' },
  flag_not_found: { status: 404, title: 'No flag with this key' },
  flag_version_not_found: { status: 404, title: 'The flag has no such version' },
  segment_not_found: { status: 404, title: 'No segment with this key' },
  environment_not_found: { status: 404, title: 'No flag environment with this key' },
  environment_exists: { status: 409, title: 'A flag environment with this key exists already' },
  environment_in_use: { status: 409, title: 'Flags are configured in this environment' },
  segment_in_use: { status: 409, title: 'Flags use this segment' },
  flag_in_use: { status: 409, title: 'Other flags have this flag as a prerequisite' },
} as const;

registerErrorCodes(flagsErrorCodes);
