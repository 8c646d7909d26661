/**
 * Organization slugs: URL-safe names (`acme-corp`), unique across the instance.
 * Lowercase a-z, 0-9 and single dashes, 3 to 48 characters, no dash at either
 * end, and never a word the product's own URLs may need.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 48;

export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'about',
  'account',
  'accounts',
  'admin',
  'api',
  'app',
  'auth',
  'billing',
  'blog',
  'dashboard',
  'docs',
  'help',
  'instance',
  'keystone',
  'login',
  'logout',
  'me',
  'new',
  'null',
  'oauth',
  'org',
  'organization',
  'organizations',
  'orgs',
  'root',
  'settings',
  'sign-in',
  'sign-up',
  'signin',
  'signup',
  'status',
  'support',
  'system',
  'undefined',
  'www',
]);

export type SlugProblem = 'length' | 'characters' | 'reserved';

/** Why a slug cannot be used, or undefined when it can (uniqueness is the database's to say). */
export function slugProblem(slug: string): SlugProblem | undefined {
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX) return 'length';
  if (!SLUG_PATTERN.test(slug)) return 'characters';
  if (RESERVED_SLUGS.has(slug)) return 'reserved';
  return undefined;
}

/** A slug from a name: accents dropped, anything else a dash, trimmed to size. May still be unusable. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
}

/** A candidate with a random suffix, for when the plain one is taken, reserved or too short. */
export function slugWithSuffix(base: string, suffix: string): string {
  const room = SLUG_MAX - suffix.length - 1;
  const head = base.slice(0, room).replace(/-+$/g, '');
  return head.length > 0 ? `${head}-${suffix}` : `org-${suffix}`;
}
