/**
 * The check's SQL statements as constant texts with array parameters: built once (not through Kysely's
 * builder on every read), one prepared statement each on every connection.
 */
import { CompiledQuery } from 'kysely';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { FgaTupleColumns } from './tables.ts';

const COLUMNS = `object_type, object_id, relation, user_type, user_id, user_relation, condition_name,
       condition_context`;

/**
 * readDirect: tuples on one object#relation whose user is one of the listed users ($6, $7: types and
 * ids; $8 the exact pairs) or a userset of the listed types ($9, $10; $11 the exact pairs). Each branch
 * has equality or ANY conditions on the primary key's columns, so both are index scans.
 */
export const READ_DIRECT = `SELECT ${COLUMNS}
FROM fga_tuples
WHERE org_id = $1 AND store_id = $2 AND object_type = $3 AND object_id = $4 AND relation = $5
  AND ((user_type = ANY($6::text[]) AND user_id = ANY($7::text[]) AND user_relation = ''
        AND user_type || ':' || user_id = ANY($8::text[]))
    OR (user_type = ANY($9::text[]) AND user_relation = ANY($10::text[])
        AND user_type || '#' || user_relation = ANY($11::text[])))`;

/** readTupleset: every tuple on one object#relation. */
export const READ_TUPLESET = `SELECT ${COLUMNS}
FROM fga_tuples
WHERE org_id = $1 AND store_id = $2 AND object_type = $3 AND object_id = $4 AND relation = $5`;

/**
 * readClosure: `walk` collects, from the checked object ($3, $4), the tuples of the plan's follow edges
 * ($5-$8: object type, relation, user type, user relation; '' = a tupleset's plain objects) and goes on
 * from the objects they name; UNION keeps each tuple once, so cycles end. `reached` is the checked
 * object and every object the walk named. The rows: each reached object (relation NULL), the walk's
 * userset tuples, every tuple of the reached objects' tupleset relations ($9, $10), and the tuples of
 * their direct relations ($11, $12) whose user is the checked user or its wildcard ($13 type, $14 ids,
 * $15 user relation). Each probe is a LATERAL subquery (OFFSET 0 keeps it one) so that every known
 * column is an index condition of the primary key, whatever the estimates. $16 bounds the rows (read
 * lazily, so a wide closure stops there).
 */
export const READ_CLOSURE = `WITH RECURSIVE
follow(object_type, relation, user_type, user_relation) AS (
  SELECT * FROM unnest($5::text[], $6::text[], $7::text[], $8::text[])
),
walk(object_type, object_id, relation, user_type, user_id, user_relation, condition_name, condition_context) AS (
  SELECT t.*
  FROM follow f
  CROSS JOIN LATERAL (
    SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation, t.condition_name,
           t.condition_context
    FROM fga_tuples t
    WHERE t.org_id = $1 AND t.store_id = $2 AND t.object_type = $3 AND t.object_id = $4
      AND t.relation = f.relation AND t.user_type = f.user_type AND t.user_relation = f.user_relation
      AND t.user_id <> '*'
    OFFSET 0) t
  WHERE f.object_type = $3
  UNION
  SELECT t.*
  FROM walk w
  JOIN follow f ON f.object_type = w.user_type
  CROSS JOIN LATERAL (
    SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation, t.condition_name,
           t.condition_context
    FROM fga_tuples t
    WHERE t.org_id = $1 AND t.store_id = $2 AND t.object_type = w.user_type AND t.object_id = w.user_id
      AND t.relation = f.relation AND t.user_type = f.user_type AND t.user_relation = f.user_relation
      AND t.user_id <> '*'
    OFFSET 0) t
),
reached(object_type, object_id) AS (
  SELECT $3::text, $4::text
  UNION
  SELECT user_type, user_id FROM walk
)
SELECT r.object_type, r.object_id, NULL::text AS relation, NULL::text AS user_type, NULL::text AS user_id,
       NULL::text AS user_relation, NULL::text AS condition_name, NULL::jsonb AS condition_context
FROM reached r
UNION ALL
SELECT * FROM walk WHERE user_relation <> ''
UNION ALL
SELECT t.*
FROM reached r
JOIN unnest($9::text[], $10::text[]) AS s(object_type, relation) ON s.object_type = r.object_type
CROSS JOIN LATERAL (
  SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation, t.condition_name,
         t.condition_context
  FROM fga_tuples t
  WHERE t.org_id = $1 AND t.store_id = $2 AND t.object_type = r.object_type AND t.object_id = r.object_id
    AND t.relation = s.relation
  OFFSET 0) t
UNION ALL
SELECT t.*
FROM reached r
JOIN unnest($11::text[], $12::text[]) AS d(object_type, relation) ON d.object_type = r.object_type
CROSS JOIN LATERAL (
  SELECT t.object_type, t.object_id, t.relation, t.user_type, t.user_id, t.user_relation, t.condition_name,
         t.condition_context
  FROM fga_tuples t
  WHERE t.org_id = $1 AND t.store_id = $2 AND t.object_type = r.object_type AND t.object_id = r.object_id
    AND t.relation = d.relation AND t.user_type = $13 AND t.user_id = ANY($14::text[])
    AND t.user_relation = $15
  OFFSET 0) t
LIMIT $16`;

/** Closure rows: a reached object has relation null. */
export type ClosureRow = Omit<FgaTupleColumns, 'relation' | 'user_type' | 'user_id' | 'user_relation'> & {
  relation: string | null;
  user_type: string | null;
  user_id: string | null;
  user_relation: string | null;
};

export async function runStatement<Row>(
  scope: TenantScope,
  text: string,
  parameters: readonly unknown[],
): Promise<Row[]> {
  const result = await scope.db.executeQuery<Row>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}
