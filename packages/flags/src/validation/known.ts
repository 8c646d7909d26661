import type { FlagDefinition } from '../definition.ts';

/** What a definition is checked against: the names that exist in the instance. */
export interface KnownDefinitions {
  /** The instance's environment keys. */
  readonly environments: Iterable<string>;
  /** The instance's segment keys. */
  readonly segments: Iterable<string>;
  /**
   * The instance's flags, for prerequisites (their variants, and cycles through them). The flag being
   * validated may be among them (its stored version): the new definition takes its place.
   */
  readonly flags: Iterable<FlagDefinition>;
}
