import { z } from 'zod';
import { userFromProvider, type SsoUser } from '../sso-client/sso-user.js';

/** The standard claims (and Signet's own) the app's user is made of; any other claim is left out. */
const claimsSchema = z.looseObject({
  sub: z.string().min(1),
  preferred_username: z.string().min(1).optional(),
  email: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  groups: z.array(z.string()).optional(),
  is_staff: z.boolean().optional(),
  is_superuser: z.boolean().optional(),
});

/**
 * The user on `ctx.state.user` for an OpenID login, in the same names as the dj-sso handshake's:
 * `id` is the subject (`sub`, which Signet makes the user's stable id), `username` the preferred
 * username (else the subject). null when the claims name no subject.
 */
export function userFromClaims(claims: unknown): SsoUser | null {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const { sub, preferred_username, email, given_name, family_name, groups, is_staff, is_superuser } = parsed.data;
  return userFromProvider({
    id: sub,
    username: preferred_username ?? sub,
    ...(email === undefined ? {} : { email }),
    ...(given_name === undefined ? {} : { first_name: given_name }),
    ...(family_name === undefined ? {} : { last_name: family_name }),
    ...(groups === undefined ? {} : { groups }),
    ...(is_staff === undefined ? {} : { is_staff }),
    ...(is_superuser === undefined ? {} : { is_superuser }),
  });
}
