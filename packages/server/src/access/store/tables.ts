import type { Generated } from 'kysely';

/** Access-control tables (migration 0017_access_stores.sql). */
export type FgaStoresTable = {
  id: string;
  org_id: string;
  name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Date | null;
};

export type FgaModelsTable = {
  id: string;
  org_id: string;
  store_id: string;
  schema_version: string;
  /** The model's OpenFGA JSON (`AuthorizationModelJson`); written as a JSON string. */
  model: unknown;
  created_at: Generated<Date>;
};

/** The columns that name one tuple, shared by the tuples table and the changes feed. */
export type FgaTupleColumns = {
  object_type: string;
  object_id: string;
  relation: string;
  user_type: string;
  user_id: string;
  /** '' when the user is not a userset. */
  user_relation: string;
  condition_name: string | null;
  /** The condition's stored context; written as a JSON string. */
  condition_context: unknown;
};

export type FgaTuplesTable = FgaTupleColumns & {
  org_id: string;
  store_id: string;
  inserted_at: Generated<Date>;
};

export type FgaChangesTable = FgaTupleColumns & {
  id: Generated<string>;
  org_id: string;
  store_id: string;
  operation: 'write' | 'delete';
  changed_at: Generated<Date>;
};

export type AccessTables = {
  fga_stores: FgaStoresTable;
  fga_models: FgaModelsTable;
  fga_tuples: FgaTuplesTable;
  fga_changes: FgaChangesTable;
};
