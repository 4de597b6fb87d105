import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../domain/admin/audit-entry.js';
import { readerCommands } from '../../domain/reader/reader-policy.js';
import { maskKinds } from '../../domain/reader/field-mask.js';

/** What the admin operations answer, as the admin API sends it and its clients read it back. Times are ms since the epoch. */

export const apiKeySummary = z.object({
  apiKey: z.string(),
  username: z.string().nullable(),
  entryPoints: z.array(z.string()),
  note: z.string(),
  ssoHost: z.string().nullable(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  lastUsedFrom: z.string().nullable(),
  state: z.enum(['active', 'disabled', 'expired', 'revoked']),
  revoked: z.boolean(),
  disabled: z.boolean(),
  expiresAt: z.number().nullable(),
  rateLimitPerMinute: z.number().nullable(),
  activeSecretKeys: z.number(),
  previousSecretKeyExpiresAt: z.number().nullable(),
});

/** A new key pair: the SEC key is in this answer and in no other. */
export const createdApiKey = z.object({ apiKey: z.string(), secretKey: z.string() });

export const rotatedApiKey = z.object({ apiKey: z.string(), secretKey: z.string(), previousExpiresAt: z.number().nullable() });

export const allowed = z.object({ added: z.boolean() });

export const entryPoint = z.object({ name: z.string(), method: z.string(), path: z.string() });

export const entryPointChange = z.object({ action: z.enum(['ADD', 'UPDATE/KEEP', 'REMOVE']), name: z.string() });

export const ssoHostSummary = z.object({
  host: z.string(),
  apiKey: z.string(),
  note: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revoked: z.boolean(),
});

export const addedSsoHost = z.object({ host: z.string(), apiKey: z.string(), secretKey: z.string() });

export const removedSsoHost = z.object({ host: z.string(), revoked: z.array(z.string()) });

export const userSummary = z.object({
  username: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  isStaff: z.boolean(),
  isSuperuser: z.boolean(),
  isActive: z.boolean(),
  groups: z.array(z.string()).readonly(),
  dateJoined: z.number(),
  lastLogin: z.number().nullable(),
  /** Whether API_AUTH_ADMIN_USER_FILTER lets keys be bound to the user. */
  bindable: z.boolean(),
});

/** What resetting a user's second factors removed (their sessions ended too). */
export const factorsReset = z.object({ username: z.string(), factorsRemoved: z.number(), passkeysRemoved: z.number() });

export const auditEntry = z.object({
  id: z.string(),
  at: z.number(),
  via: z.enum(['admin-site', 'admin-api', 'command-line', 'login']),
  actor: z.string(),
  address: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()).readonly()])),
});

/** A page of entries, newest first; `next` is the `before` of the following page, null on the last. */
export const auditPage = z.object({ entries: z.array(auditEntry), next: z.string().nullable() });

export const failureSummary = z.object({
  apiKey: z.string().nullable(),
  reason: z.string(),
  count: z.number(),
  firstAt: z.number(),
  lastAt: z.number(),
});

export const readerRuleSummary = z.object({
  index: z.number(),
  description: z.string().nullable(),
  effect: z.enum(['allow', 'deny']),
  who: z.string(),
  database: z.string(),
  collection: z.string(),
  commands: z.array(z.enum(readerCommands)),
  pin: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  hiddenFields: z.array(z.string()),
  mask: z.record(z.string(), z.enum(maskKinds)).optional(),
  maxLimit: z.number().nullable(),
  text: z.string(),
});

export const readerPolicyView = z.object({
  origin: z.enum(['file', 'demo', 'none']),
  file: z.string().nullable(),
  module: z.string().nullable(),
  rules: z.array(readerRuleSummary),
  limits: z.object({
    defaultLimit: z.number(),
    maxLimit: z.number(),
    maxTimeMs: z.number(),
    exportMaxRows: z.number(),
    sampleSize: z.number(),
  }),
});

export const readerTrial = z.object({
  username: z.string().nullable(),
  asNobody: z.boolean(),
  database: z.string(),
  collection: z.string(),
  command: z.enum(readerCommands),
  criteria: z.string().nullable(),
  allowed: z.boolean(),
  answer: z.string(),
  refusedBy: z.enum(['request', 'rules', 'module', 'hidden fields']).nullable(),
  rule: z.object({ index: z.number(), description: z.string().nullable(), text: z.string() }).nullable(),
  rules: z.string().nullable(),
  module: z.object({ state: z.enum(['none', 'not asked', 'allows', 'refuses']), answer: z.string().nullable() }),
  query: z.string().nullable(),
});

/** A page of a list: its items, how many items the list holds in all, and the cursor of the next page. */
function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), total: z.number(), next: z.string().nullable() });
}

export const apiKeyPage = pageOf(apiKeySummary);
export const ssoHostPage = pageOf(ssoHostSummary);
export const userPage = pageOf(userSummary);
