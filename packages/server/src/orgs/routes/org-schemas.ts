import { z } from 'zod';
import { SLUG_MAX, SLUG_MIN, slugProblem } from '../engine/slug.ts';

/** Wire schemas of the organization routes (snake_case). */
export const noQuery = z.strictObject({});
export const noContent = { 204: z.null().describe('No content') };
export const emptyBody = z.strictObject({}).nullish();

export const orgIdSchema = z
  .string()
  .regex(/^org_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an organization id (org_…)');
export const orgParams = z.strictObject({ orgId: orgIdSchema });

const SLUG_MESSAGES = {
  length: `must be ${SLUG_MIN} to ${SLUG_MAX} characters`,
  characters: 'only lowercase letters, digits and single dashes, not at either end',
  reserved: 'is a reserved word',
} as const;

export const slugSchema = z
  .string()
  .superRefine((slug, ctx) => {
    const problem = slugProblem(slug);
    if (problem) ctx.addIssue({ code: 'custom', message: SLUG_MESSAGES[problem] });
  })
  .describe(`URL-safe and unique: lowercase a-z, 0-9 and dashes, ${SLUG_MIN}-${SLUG_MAX} characters`);

const MAX_JSON_BYTES = 8192;
/** A free-form JSON object (settings, metadata), at most 8 KiB. */
const jsonObject = (what: string) =>
  z
    .record(z.string(), z.unknown())
    .refine(
      (value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_JSON_BYTES,
      `at most ${MAX_JSON_BYTES} bytes`,
    )
    .describe(what);

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb color');
export const brandingSchema = z.strictObject({
  primary_color: color.optional(),
  secondary_color: color.optional(),
  background_color: color.optional(),
  font: z.string().trim().min(1).max(100).optional().describe('A font family name, e.g. "Inter"'),
});

const logoUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .nullable()
  .describe('A URL of the organization’s logo');

const editable = {
  name: z.string().trim().min(1).max(200),
  slug: slugSchema,
  logo_url: logoUrl,
  branding: brandingSchema,
  settings: jsonObject('Settings for your application to read'),
  public_metadata: jsonObject('Readable by every member'),
  private_metadata: jsonObject('Readable only with org:settings:edit'),
  require_mfa: z.boolean().describe('Members must sign in with a second factor to reach the organization'),
};

export const createOrganizationBody = z.strictObject({
  name: editable.name,
  slug: editable.slug.optional().describe('Generated from the name when omitted'),
  logo_url: editable.logo_url.optional(),
  branding: editable.branding.optional(),
  settings: editable.settings.optional(),
  public_metadata: editable.public_metadata.optional(),
  private_metadata: editable.private_metadata.optional(),
  require_mfa: editable.require_mfa.optional(),
});

export const updateOrganizationBody = z
  .strictObject({
    name: editable.name.optional(),
    slug: editable.slug.optional(),
    logo_url: editable.logo_url.optional(),
    branding: editable.branding.optional(),
    settings: editable.settings.optional(),
    public_metadata: editable.public_metadata.optional(),
    private_metadata: editable.private_metadata.optional(),
    require_mfa: editable.require_mfa.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export type OrganizationInput = z.infer<typeof createOrganizationBody>;
export type OrganizationPatch = z.infer<typeof updateOrganizationBody>;

const organizationFields = {
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  logo_url: z.string().nullable(),
  branding: z.record(z.string(), z.unknown()),
  settings: z.record(z.string(), z.unknown()),
  public_metadata: z.record(z.string(), z.unknown()),
  require_mfa: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
};

export const organizationSchema = z.strictObject({
  ...organizationFields,
  private_metadata: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Present only for callers with org:settings:edit'),
  role: z.string().nullable().describe('The caller’s role here (null for operators and API keys)'),
});

export const myOrganizationsSchema = z.strictObject({
  data: z.array(
    z.strictObject({
      ...organizationFields,
      role: z.string().describe('Your role in this organization'),
      joined_at: z.string(),
    }),
  ),
});
