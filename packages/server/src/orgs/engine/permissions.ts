/**
 * The built-in permissions and roles of an organization. Pure: no I/O. Custom
 * roles (org_roles) and the instance's application permissions (app_permissions)
 * are passed in by the caller.
 */
export const BUILT_IN_PERMISSIONS = [
  'org:read',
  'org:settings:edit',
  'org:delete',
  'members:view',
  'members:invite',
  'members:remove',
  'roles:manage',
  'billing:view',
  'billing:manage',
  'api_keys:manage',
  'audit:view',
] as const;

export type BuiltInPermission = (typeof BUILT_IN_PERMISSIONS)[number];

/**
 * A built-in role grants either a fixed list, or everything known except some
 * (owner and admin also get every application permission the instance declares).
 */
type BuiltInRole =
  | { name: string; kind: 'all_except'; except: readonly string[] }
  | { name: string; kind: 'list'; permissions: readonly BuiltInPermission[] };

export const BUILT_IN_ROLES = {
  owner: { name: 'Owner', kind: 'all_except', except: [] },
  admin: { name: 'Admin', kind: 'all_except', except: ['org:delete', 'billing:manage'] },
  billing: { name: 'Billing', kind: 'list', permissions: ['billing:view', 'billing:manage', 'org:read'] },
  developer: {
    name: 'Developer',
    kind: 'list',
    permissions: ['org:read', 'api_keys:manage', 'members:view', 'audit:view'],
  },
  member: { name: 'Member', kind: 'list', permissions: ['org:read', 'members:view'] },
  viewer: { name: 'Viewer', kind: 'list', permissions: ['org:read'] },
} as const satisfies Record<string, BuiltInRole>;

export type BuiltInRoleKey = keyof typeof BUILT_IN_ROLES;

export const OWNER_ROLE: BuiltInRoleKey = 'owner';

export function isBuiltInRole(key: string): key is BuiltInRoleKey {
  return Object.hasOwn(BUILT_IN_ROLES, key);
}

export function isBuiltInPermission(key: string): key is BuiltInPermission {
  return (BUILT_IN_PERMISSIONS as readonly string[]).includes(key);
}

/** Every permission a role could be given here: the built-in ones, then the instance's, sorted. */
export function knownPermissions(appPermissions: readonly string[]): string[] {
  return [...BUILT_IN_PERMISSIONS, ...[...appPermissions].sort()];
}

/**
 * The permissions a role grants. A custom role grants exactly what it lists
 * (filtered to known permissions, so a deleted app permission stops counting);
 * an unknown role key grants nothing (fail closed).
 */
export function permissionsOfRole(
  roleKey: string,
  context: { customRolePermissions?: readonly string[] | undefined; appPermissions: readonly string[] },
): string[] {
  const known = knownPermissions(context.appPermissions);
  if (isBuiltInRole(roleKey)) {
    const role: BuiltInRole = BUILT_IN_ROLES[roleKey];
    if (role.kind === 'all_except') return known.filter((permission) => !role.except.includes(permission));
    return known.filter((permission) => (role.permissions as readonly string[]).includes(permission));
  }
  const granted = new Set(context.customRolePermissions ?? []);
  return known.filter((permission) => granted.has(permission));
}

/** `a:b` or `a:b:c`, lower snake case: the shape of every permission, built-in or declared. */
export const PERMISSION_PATTERN = /^[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*){1,2}$/;

/** Custom role keys: lower snake/kebab, never a built-in role's key. */
export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9_-]{1,47}$/;
