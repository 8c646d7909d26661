import type { AccessService } from './service/access-service.ts';

export { accessPersonalData } from './service/access-personal-data.ts';
export { type AccessService, createAccessService } from './service/access-service.ts';
export { createDefaultStore, createStoreInScope, DEFAULT_STORE_NAME } from './service/org-default-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Access control (OpenFGA-compatible stores, models, tuples and checks; see access/). */
    access: AccessService;
  }
}
