import { z } from 'zod';
import { PERMISSION_PATTERN, ROLE_KEY_PATTERN } from '../engine/permissions.ts';
import { orgIdSchema } from './org-schemas.ts';

/** Wire schemas of members, roles and application permissions. */
const userIdSchema = z.string().regex(/^user_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a user id (user_…)');
const roleKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{1,47}$/, 'must be a role key (lowercase, 2-48 characters)');
const permissionSchema = z
  .string()
  .max(100)
  .regex(PERMISSION_PATTERN, 'must look like noun:verb (lowercase, e.g. projects:create)');

export const memberParams = z.strictObject({ orgId: orgIdSchema, userId: userIdSchema });
export const roleParams = z.strictObject({ orgId: orgIdSchema, key: roleKeySchema });

export const memberListQuery = z.strictObject({
  cursor: z.string().max(512).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().min(1).max(200).optional().describe('Matches email or name, case-insensitive'),
});

export const memberSchema = z.strictObject({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.string(),
  joined_at: z.string(),
});

export const memberPage = z.strictObject({
  data: z.array(memberSchema),
  next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
});

export const addMemberBody = z.strictObject({ user_id: userIdSchema, role: roleKeySchema });
export const changeRoleBody = z.strictObject({ role: roleKeySchema });

export const myPermissions = z.strictObject({
  role: z.string().nullable().describe('Your role (null for operators and API keys)'),
  permissions: z.array(z.string()),
});

export const roleSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  built_in: z.boolean(),
});

export const roleList = z.strictObject({ data: z.array(roleSchema) });

export const createRoleBody = z.strictObject({
  key: z
    .string()
    .regex(ROLE_KEY_PATTERN, 'must be a role key (lowercase letters, digits, - and _; 2-48 characters)'),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: z.array(permissionSchema).max(200),
});

export const updateRoleBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).nullable().optional(),
    permissions: z.array(permissionSchema).max(200).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const appPermissionSchema = z.strictObject({
  key: z.string(),
  description: z.string().nullable(),
  created_at: z.string(),
});

export const appPermissionList = z.strictObject({ data: z.array(appPermissionSchema) });

export const createAppPermissionBody = z.strictObject({
  key: permissionSchema,
  description: z.string().trim().max(500).nullable().optional(),
});
