import { z } from 'zod';

/** Longest id or username taken from a provider; longer ones are not a user this app can keep. */
const MAX_NAME_LENGTH = 256;

/**
 * A user as an SSO provider sends it (dj-sso-server's names): `username`, the provider's `id`, and
 * whatever else it chose to send, kept as sent. The attributes dj-sso-server and Signet send are
 * typed; any other passes through unchecked.
 */
const providerUserSchema = z.looseObject({
  id: z.union([z.string().min(1).max(MAX_NAME_LENGTH), z.number().int()]).optional(),
  username: z.string().min(1).max(MAX_NAME_LENGTH),
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  is_staff: z.boolean().optional(),
  is_superuser: z.boolean().optional(),
  is_active: z.boolean().optional(),
  groups: z.array(z.string()).optional(),
  date_joined: z.string().nullable().optional(),
  last_login: z.string().nullable().optional(),
  /** Signet's: whether the login that produced this user passed a second factor. */
  mfa: z.boolean().optional(),
});

const storedUserSchema = providerUserSchema.extend({ id: z.union([z.string().min(1), z.number().int()]) });

/** The user an app sees on `ctx.state.user`, refreshed at each login. */
export type SsoUser = z.infer<typeof storedUserSchema>;

/** What identifies a user at the provider: dj-sso-server sends a number, other providers may send text. */
export type SsoUserId = SsoUser['id'];

/**
 * The user in a provider's answer, or null when it is not one (no username, an id that is neither a
 * whole number nor text). A provider that sends no id keys its users on the username, as Signet does.
 */
export function userFromProvider(answer: unknown): SsoUser | null {
  const parsed = providerUserSchema.safeParse(answer);
  if (!parsed.success) return null;
  return { ...parsed.data, id: parsed.data.id ?? parsed.data.username };
}

/** A user read back from a store; null when what was stored is not one. */
export function parseStoredUser(stored: unknown): SsoUser | null {
  const parsed = storedUserSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/**
 * The text a user is stored and found under: the provider's id as text. Ids are compared as text, so
 * the number 2 and the text "2" name the same user (a provider sends one kind or the other).
 */
export function ssoUserKey(id: SsoUserId): string {
  return String(id);
}
