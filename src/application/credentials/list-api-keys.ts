import { activeSecrets, type ApiCredential } from '../../domain/api-auth/api-credential.js';
import { credentialState, type CredentialState } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';

export interface ListApiKeysDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/** What may be shown of a credential: everything but its SEC keys. Times are ms since the epoch. */
export interface ApiKeySummary {
  apiKey: string;
  username: string | null;
  entryPoints: string[];
  note: string;
  ssoHost: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** The client address of the last recorded use. */
  lastUsedFrom: string | null;
  /** What the key can do now: revoked, expired, disabled, or active. */
  state: CredentialState;
  revoked: boolean;
  disabled: boolean;
  expiresAt: number | null;
  rateLimitPerMinute: number | null;
  /** How many SEC keys verify now: 2 during a rotation. */
  activeSecretKeys: number;
  /** During a rotation, when the previous SEC key stops verifying; null otherwise. */
  previousSecretKeyExpiresAt: number | null;
}

/** Which keys to list: those allowed an entry point, when one is named. */
export interface ApiKeyQuery {
  entryPoint?: string | undefined;
}

/** Every credential, oldest first, as it may be shown. */
export class ListApiKeys {
  constructor(private readonly deps: ListApiKeysDeps) {}

  async execute(query: ApiKeyQuery = {}): Promise<ApiKeySummary[]> {
    const now = this.deps.clock.now();
    const { entryPoint } = query;
    return (await this.deps.credentialStore.list())
      .filter((credential) => entryPoint === undefined || credential.entryPoints.has(entryPoint))
      .map((credential) => summarizeApiKey(credential, now));
  }
}

export function summarizeApiKey(credential: ApiCredential, now: number): ApiKeySummary {
  const active = activeSecrets(credential, now).length;
  const retiring = active > 1 ? (credential.secretKeys[1]?.expiresAt ?? null) : null;
  return {
    apiKey: credential.apiKey,
    username: credential.username,
    entryPoints: [...credential.entryPoints].sort(),
    note: credential.note,
    ssoHost: credential.ssoHost,
    createdAt: credential.createdAt,
    lastUsedAt: credential.lastUsedAt,
    lastUsedFrom: credential.lastUsedFrom,
    state: credentialState(credential, now),
    revoked: credential.revoked,
    disabled: credential.disabled,
    expiresAt: credential.expiresAt,
    rateLimitPerMinute: credential.rateLimitPerMinute,
    activeSecretKeys: active,
    previousSecretKeyExpiresAt: retiring,
  };
}
