import { z } from 'zod';

/** What the admin operations on apps answer (the migration meter). Times are ms since the epoch. */

const perProtocol = <Value extends z.ZodType>(value: Value) => z.object({ 'dj-sso': value, oidc: value });

const appFields = {
  app: z.string(),
  /** The live dj-sso keys of the host. */
  ssoKeys: z.array(z.string()),
  /** The OpenID clients with a redirect URI on the host. */
  oidcClients: z.array(z.object({ clientId: z.string(), name: z.string(), disabled: z.boolean() })),
  /** Logins over the last 30 days (today, UTC, and the 29 days before). */
  logins: perProtocol(z.number()),
  lastLogin: perProtocol(z.number().nullable()),
  stage: z.enum(['dj-sso only', 'both', 'oidc only', 'no logins']),
};

export const appSummary = z.object(appFields);

export const appPage = z.object({ items: z.array(appSummary), total: z.number(), next: z.string().nullable() });

export const appDetail = z.object({
  ...appFields,
  /** A row per day, today (UTC) first, 30 in all. */
  days: z.array(z.object({ day: z.string(), logins: perProtocol(z.number()) })),
  djSsoUsers: z.object({
    total: z.number(),
    items: z.array(z.object({ username: z.string(), logins: z.number(), lastDay: z.string() })),
  }),
});
