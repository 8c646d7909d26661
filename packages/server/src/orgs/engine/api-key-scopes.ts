/**
 * What an organization API key may do in its organization, from its scopes.
 * Deliberately coarse: `orgs:read` allows reading (`org:read` and every
 * `…:view` permission); `orgs:write` allows every permission. Other scopes
 * (`fga:check`, `flags:evaluate`, ...) grant nothing on organization routes.
 */
export const ORGS_READ_SCOPE = 'orgs:read';
export const ORGS_WRITE_SCOPE = 'orgs:write';

export function isReadPermission(permission: string): boolean {
  return permission === 'org:read' || permission.endsWith(':view');
}

export function scopesAllow(scopes: readonly string[], permission: string): boolean {
  if (scopes.includes(ORGS_WRITE_SCOPE)) return true;
  return scopes.includes(ORGS_READ_SCOPE) && isReadPermission(permission);
}
