import { z } from 'zod';

/** The wire shape of a personal-data export document (user or organization). */
export const exportDocumentSchema = z
  .strictObject({
    kind: z.enum(['user', 'organization']),
    id: z.string(),
    exported_at: z.string(),
    sections: z
      .record(z.string(), z.unknown())
      .describe('One section per module holding data about the subject, keyed by the module’s name'),
  })
  .describe('Everything Keystone holds about a user or an organization (GDPR Art. 15 and 20)');
