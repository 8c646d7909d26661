import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Identity's tables are instance-level: any connection or transaction may reach them. */
export type Executor = Kysely<DB> | Transaction<DB>;
