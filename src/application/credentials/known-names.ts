import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';

/** Throws `credential.unknown_user` unless the user exists; null (an anonymous key) passes. */
export async function requireKnownUser(userDirectory: UserDirectory, username: string | null): Promise<void> {
  if (username !== null && !(await userDirectory.findByUsername(username))) throw credentialErrors.unknownUser(username);
}

/** Throws `credential.unknown_entry_point` for the first name the store does not know. */
export async function requireKnownEntryPoints(credentialStore: CredentialStore, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const known = new Set((await credentialStore.listEntryPoints()).map((entry) => entry.name));
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) throw credentialErrors.unknownEntryPoint(unknown);
}
