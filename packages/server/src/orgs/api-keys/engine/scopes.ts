/**
 * What an API key may do. A key holds a list of these; a route open to API keys
 * names the one it needs. `admin` is for instance keys only and stands for
 * every scope (the instance administration key, KEYSTONE_ADMIN_KEY).
 */
export const API_KEY_SCOPES = [
  'orgs:read',
  'orgs:write',
  'fga:check',
  'fga:write',
  'flags:evaluate',
  'events:write',
  'admin',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Scopes an organization's key may hold: everything but `admin`. */
export const ORG_KEY_SCOPES = API_KEY_SCOPES.filter((scope) => scope !== 'admin');

/** Scopes a publishable key may hold: it sits in browser code, so only what a browser may do. */
export const PUBLISHABLE_KEY_SCOPES: readonly ApiKeyScope[] = ['flags:evaluate'];

export function grantsScope(held: readonly string[], needed: ApiKeyScope): boolean {
  return held.includes('admin') || held.includes(needed);
}
