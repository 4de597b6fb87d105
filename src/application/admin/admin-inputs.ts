import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../domain/admin/audit-entry.js';
import { readerCommands } from '../../domain/reader/reader-policy.js';
import { PAGE_LIMIT_MAX } from '../../domain/shared/page.js';
import {
  apiKeyField,
  boundUserField,
  entryPointField,
  graceField,
  hostField,
  instantField,
  newUsernameField,
  noteField,
  passwordField,
  rateLimitField,
  wholeNumberField,
} from './admin-fields.js';

/**
 * What each admin operation takes, checked the same way whichever door it came in by (the site, the
 * admin API, the command line): an unknown field is refused rather than ignored, since a misspelt
 * `rateLimit` would otherwise silently change nothing.
 */

const entryPointList = z.array(entryPointField, { error: 'is a list of entry point names' }).max(1000);
const keyReference = z.strictObject({ apiKey: apiKeyField });
const nothing = z.strictObject({});

export const createKeyInput = z.strictObject({
  username: boundUserField.nullable().optional(),
  entryPoints: entryPointList.optional(),
  note: noteField.optional(),
  expiresAt: instantField.nullable().optional(),
  rateLimitPerMinute: rateLimitField.nullable().optional(),
});

/**
 * A page of a list: at most `limit` items (50 by default) after `cursor` (the `next` of the page
 * before), only those containing `q` (letter case aside; empty means every item).
 */
export const pageFields = {
  limit: wholeNumberField(1, PAGE_LIMIT_MAX).optional(),
  cursor: z.string({ error: 'is the next of the page before' }).min(1).max(300).optional(),
  q: z.string({ error: 'is a text to search for' }).max(200, { error: 'is at most 200 characters' }).optional(),
};

export const listKeysInput = z.strictObject({ entryPoint: entryPointField.optional(), ...pageFields });
export const listSsoHostsInput = z.strictObject(pageFields);
export const listUsersInput = z.strictObject(pageFields);
export const listAppsInput = z.strictObject(pageFields);

export const updateKeyInput = z.strictObject({
  apiKey: apiKeyField,
  username: boundUserField.nullable().optional(),
  entryPoints: entryPointList.optional(),
  note: noteField.optional(),
  expiresAt: instantField.nullable().optional(),
  rateLimitPerMinute: rateLimitField.nullable().optional(),
});

export const allowEntryPointInput = z.strictObject({ apiKey: apiKeyField, entryPoint: entryPointField });

export const rotateKeyInput = z.strictObject({ apiKey: apiKeyField, graceSeconds: graceField.optional() });

export const addSsoHostInput = z.strictObject({ host: hostField, note: noteField.optional() });

export const hostReference = z.strictObject({ host: hostField });

export const createUserInput = z.strictObject({
  username: newUsernameField,
  password: passwordField,
  email: z.email({ error: 'is an email address' }).max(254).or(z.literal('')).optional(),
  firstName: z.string().max(150).optional(),
  lastName: z.string().max(150).optional(),
  isStaff: z.boolean({ error: 'is true or false' }).optional(),
  isSuperuser: z.boolean({ error: 'is true or false' }).optional(),
  isActive: z.boolean({ error: 'is true or false' }).optional(),
});

export const setPasswordInput = z.strictObject({ username: boundUserField, password: passwordField });

export const userReference = z.strictObject({ username: boundUserField });

export const setUserFlagsInput = z
  .strictObject({
    username: boundUserField,
    isStaff: z.boolean({ error: 'is true or false' }).optional(),
    isActive: z.boolean({ error: 'is true or false' }).optional(),
  })
  .refine((input) => input.isStaff !== undefined || input.isActive !== undefined, {
    error: 'give isStaff, isActive or both',
  });

export const listAuditInput = z.strictObject({
  actor: z.string().min(1).max(300).optional(),
  action: z.enum(AUDIT_ACTIONS, { error: `is one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  target: z.string().min(1).max(300).optional(),
  via: z
    .enum(['admin-site', 'admin-api', 'command-line', 'login'], { error: 'is admin-site, admin-api, command-line or login' })
    .optional(),
  since: instantField.optional(),
  until: instantField.optional(),
  limit: wholeNumberField(1, 500).optional(),
  before: z
    .string()
    .regex(/^\d{15}-[0-9a-f]{12}$/, { error: 'is the id of an audit entry' })
    .optional(),
});

/** `(unknown)` names the refusals of keys the store does not know. */
export const UNKNOWN_KEY = '(unknown)';

export const listFailuresInput = z.strictObject({
  apiKey: z
    .union([apiKeyField, z.literal(UNKNOWN_KEY)], { error: `is an API key, or ${UNKNOWN_KEY}` })
    .transform((key) => (key === UNKNOWN_KEY ? null : key))
    .optional(),
  reason: z
    .string()
    .regex(/^api_auth\.[a-z_]+$/, { error: 'is a reason code such as api_auth.signature_error' })
    .optional(),
  since: instantField.optional(),
  until: instantField.optional(),
});

/** A database or collection name as typed: MongoDB's naming rules are the reader's to check, and its refusal is the trial's answer. */
const readerName = z
  .string({ error: 'is required' })
  .min(1, { error: 'is required' })
  .max(1000, { error: 'is at most 1000 characters' });

export const tryReaderQueryInput = z.strictObject({
  /** Absent or null: an API key bound to no user. */
  username: boundUserField.nullable().optional(),
  database: readerName,
  collection: readerName,
  command: z.enum(readerCommands, { error: `is one of ${readerCommands.join(', ')}` }).default('find'),
  criteria: z.string({ error: 'is Extended JSON text' }).max(65_536, { error: 'is at most 64 KiB' }).default(''),
});

export { keyReference, nothing };
