import { createCredential } from '../../domain/api-auth/credential-factory.js';
import { checkExpiry, checkRateLimit } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { requireKnownEntryPoints, requireKnownUser } from './known-names.js';

export interface CreateApiKeyDeps {
  credentialStore: CredentialStore;
  clock: Clock;
  random: RandomSource;
  userDirectory: UserDirectory;
}

/** What a new key is made with. */
export interface NewApiKey {
  /** The user requests made with the key act as; null or absent for an anonymous key. */
  username?: string | null;
  entryPoints?: Iterable<string>;
  note?: string;
  /** When the key stops working, in ms since the epoch (in the future); none when absent or null. */
  expiresAt?: number | null;
  /** Requests a minute; none when absent or null. */
  rateLimitPerMinute?: number | null;
}

/** The new pair; the SEC key is shown this once and never again. */
export interface CreatedApiKey {
  apiKey: string;
  secretKey: string;
}

/** Creates an API/SEC key pair, bound to an existing user if any, allowed on known entry points only. */
export class CreateApiKey {
  constructor(private readonly deps: CreateApiKeyDeps) {}

  async execute(request: NewApiKey = {}): Promise<CreatedApiKey> {
    const now = this.deps.clock.now();
    const expiresAt = checkExpiry(request.expiresAt ?? null, now);
    const rateLimitPerMinute = checkRateLimit(request.rateLimitPerMinute ?? null);
    // An empty username, as a blank form field sends it, means no user.
    const username = request.username || null;
    await requireKnownUser(this.deps.userDirectory, username);
    const wanted = [...(request.entryPoints ?? [])];
    await requireKnownEntryPoints(this.deps.credentialStore, wanted);
    const { credential, secretKey } = createCredential(this.deps.random, now, {
      username,
      entryPoints: wanted,
      note: request.note ?? '',
      expiresAt,
      rateLimitPerMinute,
    });
    await this.deps.credentialStore.save(credential);
    return { apiKey: credential.apiKey, secretKey };
  }
}
