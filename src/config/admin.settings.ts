import { z } from 'zod';
import { wholeNumber } from './fields.js';
import { parseJsonOrUndefined } from '../domain/shared/safe-json.js';

const filterMessage = 'accepts a JSON object of attribute values, such as {"is_staff": false}';

const filterValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** A JSON object whose values are strings, numbers, booleans or null; one message for every way it can be wrong. */
const userFilter = z.string().transform((text, context) => {
  const checked = filterValues.safeParse(parseJsonOrUndefined(text));
  if (!checked.success) {
    context.addIssue({ code: 'custom', message: filterMessage });
    return z.NEVER;
  }
  return checked.data;
});

/** The admin site and API. */
export const adminShape = {
  ADMIN_SESSION_IDLE: wholeNumber(120, 1800, 'accepts a whole number of seconds from 120 to 1800 (30 minutes)').default(1800),
  API_AUTH_ADMIN_USER_FILTER: userFilter.optional(),
};

type AdminRaw = z.infer<z.ZodObject<typeof adminShape>>;

export interface AdminConfig {
  admin: {
    /** Seconds without a request after which an admin session ends. */
    sessionIdleSeconds: number;
    /** Which users a key may be bound to: every name must have its value (dj-api-auth's setting); empty: anyone. */
    userFilter: Readonly<Record<string, string | number | boolean | null>>;
  };
}

export function readAdmin(raw: AdminRaw): AdminConfig {
  return {
    admin: { sessionIdleSeconds: raw.ADMIN_SESSION_IDLE, userFilter: raw.API_AUTH_ADMIN_USER_FILTER ?? {} },
  };
}
