import type { User } from './user.js';

/** What an SSO client is told about a user: a JSON object. */
export type SerializedUser = Readonly<Record<string, unknown>>;

/**
 * Turns a user into what the SSO API hands to client apps (dj-sso-server's
 * SSO_SERVER_USER_TO_JSON_FUNC). It must never include the password hash.
 */
export interface UserSerializer {
  /** The JSON object sent for `user`; rejects when the installation's serializer fails. */
  serialize(user: User): Promise<SerializedUser>;
}
