import { createCredential } from '../../domain/api-auth/credential-factory.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { normalizeSsoHost } from '../../domain/sso-provider/sso-host.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';
import { SSO_ENTRY_POINTS } from './sso-entry-points.js';

export interface AddSsoHostDeps {
  credentialStore: CredentialStore;
  /** Holds the claim on a host while its key is made, so that two adds at once (a form sent twice) make one key. */
  cache: Cache;
  clock: Clock;
  random: RandomSource;
}

export interface NewSsoHost {
  /** `host[:port]` of the client app, such as `localhost:8000`. */
  host: string;
  note?: string;
}

/** The new pair for the client app's settings; the SEC key is shown this once. */
export interface AddedSsoHost {
  host: string;
  apiKey: string;
  secretKey: string;
}

/** Longer than any add takes; a claim left by a process that died mid-add frees the host after it. */
const CLAIM_TTL_SECONDS = 30;

/**
 * Lets a client app use the provider: a new API key bound to the app's host, allowed exactly the
 * SSO APIs (as dj-sso-server's admin did when an SSO credential was saved). One live key per host.
 */
export class AddSsoHost {
  constructor(private readonly deps: AddSsoHostDeps) {}

  async execute(request: NewSsoHost): Promise<AddedSsoHost> {
    const host = normalizeSsoHost(request.host);
    if (host === null) throw ssoErrors.invalidHost(request.host);
    const claim = `sso-host-claim:${host}`;
    // Whoever holds the claim is making this host's key: the others are told the host is taken.
    if (!(await this.deps.cache.setIfAbsent(claim, '1', CLAIM_TTL_SECONDS))) throw ssoErrors.hostTaken(host);
    try {
      const existing = await this.deps.credentialStore.listBySsoHost(host);
      if (existing.some((credential) => !credential.revoked)) throw ssoErrors.hostTaken(host);
      const { credential, secretKey } = createCredential(this.deps.random, this.deps.clock.now(), {
        ssoHost: host,
        entryPoints: SSO_ENTRY_POINTS,
        note: request.note ?? `for host: ${host} SSO login`,
      });
      await this.deps.credentialStore.save(credential);
      return { host, apiKey: credential.apiKey, secretKey };
    } finally {
      await this.deps.cache.delete(claim);
    }
  }
}
