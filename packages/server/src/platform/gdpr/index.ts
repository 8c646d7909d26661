import type { PersonalDataRegistry } from './personal-data-registry.ts';

export {
  createPersonalDataRegistry,
  type PersonalDataParticipant,
  type PersonalDataRegistry,
  type UserSubject,
} from './personal-data-registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where modules register what personal data they hold (export and erasure, see platform/gdpr/). */
    personalData: PersonalDataRegistry;
  }
}
