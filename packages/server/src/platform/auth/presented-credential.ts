import type { FastifyRequest } from 'fastify';
import type { PresentedCredential } from './principal.ts';

/** The credential a request presents: `Authorization: Bearer …` or `X-Keystone-Key: …`. */
export function presentedCredential(request: FastifyRequest): PresentedCredential | undefined {
  const key = request.headers['x-keystone-key'];
  if (typeof key === 'string' && key.length > 0) return { scheme: 'x-keystone-key', value: key };
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match?.[1]) return { scheme: 'bearer', value: match[1] };
  }
  return undefined;
}
