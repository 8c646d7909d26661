/** Flag and segment keys (the path's key), as definition.ts documents them. */
export const FLAG_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Variant names. */
export const VARIANT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The attribute targets and rollouts use when they name none: OpenFeature's targeting key. */
export const DEFAULT_ATTRIBUTE = 'targetingKey';
