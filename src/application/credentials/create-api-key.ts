import { createCredential } from '../../domain/api-auth/credential-factory.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';
import type { RandomSource } from '../../domain/ports/random-source.port.js';
import type { UserDirectory } from '../../domain/ports/user-directory.port.js';

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
    if (request.username && !(await this.deps.userDirectory.findByUsername(request.username))) {
      throw credentialErrors.unknownUser(request.username);
    }
    const wanted = [...(request.entryPoints ?? [])];
    if (wanted.length > 0) {
      const known = new Set((await this.deps.credentialStore.listEntryPoints()).map((entry) => entry.name));
      const unknown = wanted.find((name) => !known.has(name));
      if (unknown !== undefined) throw credentialErrors.unknownEntryPoint(unknown);
    }
    const { credential, secretKey } = createCredential(this.deps.random, this.deps.clock.now(), {
      username: request.username ?? null,
      entryPoints: wanted,
      note: request.note ?? '',
    });
    await this.deps.credentialStore.save(credential);
    return { apiKey: credential.apiKey, secretKey };
  }
}
