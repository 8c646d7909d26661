import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { requestFingerprint } from './fingerprint.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH, parseIdempotencyKey } from './idempotency-key.ts';
import {
  type Claim,
  claimKey,
  completeClaim,
  findRecord,
  type IdempotencyTimings,
  releaseClaim,
  type StoredResponse,
  sweepExpiredKeys,
} from './idempotency-store.ts';
import { documentIdempotencyHeader } from './openapi-header.ts';
import type { ResponseSealer } from './response-sealing.ts';

/**
 * `Idempotency-Key` on every mutation (IETF httpapi draft, Stripe semantics).
 *
 * Hooks on each mutating route only. preHandler (after authentication, validation
 * and any preHandler of the route's own plugin, so rejected requests leave
 * no record): claim (scope, key) atomically, or answer from the record: the
 * stored response (`Idempotent-Replayed: true`), 422 for another payload, 409
 * while the first request still runs. onSend: store the final response
 * (status, a few headers, the exact body bytes, sealed: response-sealing.ts) before the client sees it, or
 * release the key after a 5xx so the client may retry.
 *
 * Why the side effect and the stored response are not one transaction: the
 * in-progress claim must commit before the handler runs, or other processes
 * could not see it and would run the side effect too; and handlers own their
 * transactions (withTenant), which cannot be stretched over the whole request
 * without holding a connection and row locks for its full length. The cost is
 * one window: if the process dies after the handler commits but before the
 * response is stored, the key stays in progress (409) until the lock timeout,
 * after which a retry runs the request again.
 */
export type IdempotencyOptions = Partial<IdempotencyTimings> & {
  /** How often expired records are deleted; 0 disables the sweeper. */
  sweepIntervalMs?: number;
};

export const IDEMPOTENCY_DEFAULTS = {
  ttlSeconds: 24 * 60 * 60,
  lockTimeoutSeconds: 60,
  sweepIntervalMs: 10 * 60 * 1000,
} as const;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Response headers that are part of "the response" a replay must repeat; not per-request
// ones (trace ids, rate limits) and never cookies.
const REPLAYED_HEADERS = [
  'content-type',
  'content-language',
  'location',
  'content-location',
  'etag',
  'last-modified',
  'link',
];
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

function asArray<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
const CLAIM_ATTEMPTS = 3;

export function registerIdempotency(
  app: FastifyInstance,
  database: Pick<Database, 'kysely'>,
  sealer: ResponseSealer,
  options: IdempotencyOptions = {},
): void {
  const db = database.kysely;
  const timings: IdempotencyTimings = {
    ttlSeconds: options.ttlSeconds ?? IDEMPOTENCY_DEFAULTS.ttlSeconds,
    lockTimeoutSeconds: options.lockTimeoutSeconds ?? IDEMPOTENCY_DEFAULTS.lockTimeoutSeconds,
  };
  const claims = new WeakMap<FastifyRequest, Claim>();
  // Only mutating routes carry the layer: a GET pays nothing for it.
  app.addHook('onRoute', (route) => {
    documentIdempotencyHeader(route);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((method) => MUTATING.has(method))) return;
    route.preHandler = [...asArray(route.preHandler), claimOrReplay];
    route.onSend = [...asArray(route.onSend), storeResponse];
  });

  async function claimOrReplay(request: FastifyRequest, reply: FastifyReply) {
    if (!MUTATING.has(request.method) || !request.routeOptions.url) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = typeof header === 'string' ? parseIdempotencyKey(header) : undefined;
    if (key === undefined) throw invalidKey();

    const scope = request.principal?.credentialId ?? `anon:${request.ip}`;
    const fingerprint = requestFingerprint({
      method: request.method,
      route: request.routeOptions.url,
      params: request.params,
      query: request.query,
      body: request.body,
    });
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const claim = await claimKey(db, { scope, key, fingerprint }, timings);
      if (claim) {
        claims.set(request, claim);
        return;
      }
      const record = await findRecord(db, scope, key);
      // Released (5xx) or swept between the two statements: try to claim it again.
      if (!record) continue;
      if (record.fingerprint !== fingerprint) {
        throw new AppError('idempotency_key_reused', {
          detail: 'This Idempotency-Key was first used with a different request; use a new key',
        });
      }
      if (record.state === 'in_progress') throw inProgress();
      const body = await sealer.open({ scope, key }, record.response.body);
      return replay(reply, { ...record.response, body });
    }
    throw inProgress();
  }

  async function storeResponse(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    try {
      const body = bodyBytes(payload);
      if (reply.statusCode >= 500 || body === undefined) {
        await releaseClaim(db, claim);
      } else {
        const stored = await completeClaim(db, claim, {
          status: reply.statusCode,
          headers: replayedHeaders(reply),
          body: await sealer.seal(claim, body),
        });
        if (!stored) request.log.warn('idempotency claim was taken over before the response was stored');
      }
    } catch (error) {
      // The response already happened; the record stays in progress until the lock timeout.
      request.log.error({ err: error }, 'could not record the idempotent response');
    }
    return payload;
  }

  const sweepIntervalMs = options.sweepIntervalMs ?? IDEMPOTENCY_DEFAULTS.sweepIntervalMs;
  if (sweepIntervalMs > 0) {
    let sweeping: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      sweeping ??= sweepExpiredKeys(db, timings.ttlSeconds)
        .catch((error) => app.log.warn({ err: error }, 'idempotency sweep failed'))
        .finally(() => {
          sweeping = undefined;
        });
    }, sweepIntervalMs);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await sweeping;
    });
  }
}

function replay(reply: FastifyReply, response: StoredResponse): FastifyReply {
  reply.code(response.status);
  for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
  reply.header('idempotent-replayed', 'true');
  return reply.send(response.body);
}

function bodyBytes(payload: unknown): Buffer | undefined {
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  return undefined; // a stream: not stored, the key is released
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

function invalidKey(): AppError {
  return new AppError('idempotency_key_invalid', {
    detail: `Idempotency-Key must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, bare or as a quoted string`,
    fields: [{ field: 'idempotency-key', location: 'headers', message: 'is not a valid Idempotency-Key' }],
  });
}

function inProgress(): AppError {
  return new AppError('idempotency_in_progress', {
    detail: 'The first request with this Idempotency-Key has not finished; retry later',
    headers: { 'retry-after': String(IN_PROGRESS_RETRY_AFTER_SECONDS) },
  });
}
