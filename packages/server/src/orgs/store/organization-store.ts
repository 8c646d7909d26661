import { type Selectable, sql, type Updateable, type UpdateObject } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { TenantScope } from '../../platform/db/tenant-scope.ts';
import type { OrganizationsTable } from './tables.ts';

export type OrganizationRow = Selectable<OrganizationsTable>;

export type NewOrganization = {
  slug: string;
  name: string;
  logo_url?: string | null;
  branding?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  public_metadata?: Record<string, unknown>;
  private_metadata?: Record<string, unknown>;
  require_mfa?: boolean;
  created_by: string | null;
};

/**
 * Inserts the scope's organization; undefined when the slug is taken. The
 * unique index sees every tenant's slugs although RLS shows this one only, and
 * DO NOTHING leaves the transaction usable for another try.
 */
export async function insertOrganization(
  scope: TenantScope,
  org: NewOrganization,
): Promise<OrganizationRow | undefined> {
  return scope.db
    .insertInto('organizations')
    .values({
      org_id: scope.orgId,
      slug: org.slug,
      name: org.name,
      logo_url: org.logo_url ?? null,
      branding: json(org.branding ?? {}),
      settings: json(org.settings ?? {}),
      public_metadata: json(org.public_metadata ?? {}),
      private_metadata: json(org.private_metadata ?? {}),
      require_mfa: org.require_mfa ?? false,
      created_by: org.created_by,
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findOrganization(scope: TenantScope): Promise<OrganizationRow | undefined> {
  return scope.db
    .selectFrom('organizations')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .executeTakeFirst();
}

export type OrganizationChanges = Omit<
  Updateable<OrganizationsTable>,
  'org_id' | 'created_at' | 'created_by' | 'updated_at'
>;

/** Updates the scope's organization; a taken slug throws the unique violation (23505). */
export async function updateOrganization(
  scope: TenantScope,
  changes: OrganizationChanges,
): Promise<OrganizationRow | undefined> {
  const values: UpdateObject<DB, 'organizations'> = { ...changes, updated_at: new Date() };
  for (const key of ['branding', 'settings', 'public_metadata', 'private_metadata'] as const) {
    const value = changes[key];
    if (value !== undefined) values[key] = json(value as Record<string, unknown>);
  }
  return scope.db
    .updateTable('organizations')
    .set(values)
    .where('org_id', '=', scope.orgId)
    .returningAll()
    .executeTakeFirst();
}

/** Kysely passes objects through to the driver; JSON text is what both drivers accept for jsonb. */
function json(value: Record<string, unknown>) {
  return sql<Record<string, unknown>>`${JSON.stringify(value)}::jsonb`;
}
