/** The access token's claims the browser needs; read without verifying (the server checks every request). */
export type AccessTokenClaims = {
  sub: string;
  sid: string;
  exp: number;
  iat?: number;
  org_id?: string | null;
  org_role?: string | null;
};

export function readClaims(accessToken: string): AccessTokenClaims | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const json = new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as AccessTokenClaims;
    return typeof claims.sub === 'string' && typeof claims.exp === 'number' ? claims : null;
  } catch {
    return null;
  }
}
