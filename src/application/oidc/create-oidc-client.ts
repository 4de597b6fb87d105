import { checkClientId, checkRedirectUris, checkScopes } from '../../domain/oidc/client-registration.js';
import type { OidcClient } from '../../domain/oidc/oidc-client.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';
import type { SigningAlgorithm } from '../../domain/oidc/signing-key.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { newClientSecret, summarizeOidcClient, type OidcClientSummary } from './oidc-client-summary.js';

export interface CreateOidcClientDeps {
  oidcClientStore: OidcClientStore;
  /** Holds the claim on a client id while it is registered, so that two registrations at once never share one. */
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  config: { isProduction: boolean };
}

export interface NewOidcClient {
  /** A random id when not given. */
  clientId?: string | undefined;
  name?: string | undefined;
  redirectUris: readonly string[];
  postLogoutRedirectUris?: readonly string[] | undefined;
  /** `openid` is always added; `profile email groups offline_access` when not given. */
  scopes?: readonly string[] | undefined;
  firstParty?: boolean | undefined;
  /** A public client (an app in a browser or on a device) has no secret and relies on PKCE alone. */
  isPublic?: boolean | undefined;
  /** ES256 unless the client knows only RS256. */
  idTokenSignedResponseAlg?: SigningAlgorithm | undefined;
}

export const DEFAULT_OIDC_SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'] as const;

const CLAIM_TTL_SECONDS = 30;

/** Registers an OpenID client. A confidential client's secret is made here and handed back once. */
export class CreateOidcClient {
  constructor(private readonly deps: CreateOidcClientDeps) {}

  async execute(request: NewOidcClient): Promise<{ client: OidcClientSummary; secret: string | null }> {
    const { oidcClientStore, cache, clock, random, config } = this.deps;
    const clientId = checkClientId(request.clientId ?? Buffer.from(random.bytes(12)).toString('base64url'));
    const plainHttp = !config.isProduction;
    const name = (request.name ?? '').trim();
    const client: OidcClient = {
      clientId,
      secret: request.isPublic ? null : newClientSecret(random),
      name: name === '' ? clientId : name,
      redirectUris: checkRedirectUris(request.redirectUris, plainHttp, 'redirectUris'),
      postLogoutRedirectUris: checkRedirectUris(request.postLogoutRedirectUris ?? [], plainHttp, 'postLogoutRedirectUris'),
      scopes: checkScopes(request.scopes ?? DEFAULT_OIDC_SCOPES),
      firstParty: request.firstParty ?? false,
      idTokenSignedResponseAlg: request.idTokenSignedResponseAlg ?? 'ES256',
      disabled: false,
      createdAt: clock.now(),
    };
    const claim = `oidc-client-claim:${clientId}`;
    if (!(await cache.setIfAbsent(claim, '1', CLAIM_TTL_SECONDS))) throw oidcErrors.clientExists(clientId);
    try {
      if (await oidcClientStore.find(clientId)) throw oidcErrors.clientExists(clientId);
      await oidcClientStore.save(client);
    } finally {
      await cache.delete(claim);
    }
    return { client: summarizeOidcClient(client), secret: client.secret };
  }
}
