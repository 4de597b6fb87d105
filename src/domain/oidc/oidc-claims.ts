import { z } from 'zod';
import type { SerializedUser } from '../users/user-serializer.port.js';
import type { User } from '../users/user.js';

/** Which claims each scope releases; `sub` comes with `openid`. */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['preferred_username', 'name', 'given_name', 'family_name'],
  email: ['email', 'email_verified'],
  groups: ['groups', 'is_staff', 'is_superuser'],
} as const;

const serialized = z.object({
  id: z.union([z.string().min(1), z.number()]).optional(),
  username: z.string().min(1).optional(),
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  groups: z.array(z.string()).optional(),
  is_staff: z.boolean().optional(),
  is_superuser: z.boolean().optional(),
});

export type OidcClaims = { readonly sub: string } & Readonly<Record<string, string | boolean | readonly string[]>>;

/**
 * The claims of a user, from what the installation's user serializer says of them (the same object
 * dj-sso client apps receive), the user's own fields standing in for what it leaves out. `sub` is the
 * serializer's `id` (the user's numeric id, else their username): it never changes for a user.
 */
export function claimsOf(user: User, serializedUser: SerializedUser): OidcClaims {
  const parsed = serialized.safeParse(serializedUser);
  const fields = parsed.success ? parsed.data : {};
  const givenName = fields.first_name ?? user.firstName;
  const familyName = fields.last_name ?? user.lastName;
  const email = fields.email ?? user.email;
  return {
    sub: String(fields.id ?? user.username),
    preferred_username: fields.username ?? user.username,
    name: [givenName, familyName].filter((part) => part !== '').join(' ') || user.username,
    given_name: givenName,
    family_name: familyName,
    ...(email === '' ? {} : { email, email_verified: false }),
    groups: fields.groups ?? [...user.groups],
    is_staff: fields.is_staff ?? user.isStaff,
    is_superuser: fields.is_superuser ?? user.isSuperuser,
  };
}
