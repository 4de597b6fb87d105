import type { RecordAdminChange } from '../admin/record-admin-change.js';
import type { Actor } from '../../domain/admin/actor.js';
import { checkClientId, checkRedirectUri, checkScopes } from '../../domain/oidc/client-registration.js';
import type { OidcClient } from '../../domain/oidc/oidc-client.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';

export interface ManageOidcClientsDeps {
  oidcClientStore: OidcClientStore;
  recordAdminChange: RecordAdminChange;
  /** Holds the claim on a client id while it is registered, so that two registrations at once never share one. */
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  config: { isProduction: boolean };
}

export interface NewOidcClient {
  /** A random id when not given. */
  clientId?: string | undefined;
  name: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris?: readonly string[] | undefined;
  /** `openid` is always added; `profile email groups offline_access` when not given. */
  scopes?: readonly string[] | undefined;
  firstParty?: boolean | undefined;
  /** A public client (an app in a browser or on a device) has no secret and relies on PKCE alone. */
  isPublic?: boolean | undefined;
}

/** The client as listed: never its secret. */
export type OidcClientSummary = Omit<OidcClient, 'secret'> & { confidential: boolean };

const CLAIM_TTL_SECONDS = 30;

/**
 * Registering OpenID clients and changing them, each change written to the audit log (never a
 * secret). A confidential client's secret is made here and handed back once.
 */
export class ManageOidcClients {
  constructor(private readonly deps: ManageOidcClientsDeps) {}

  async create(actor: Actor, request: NewOidcClient): Promise<{ client: OidcClientSummary; secret: string | null }> {
    const { oidcClientStore, cache, clock, random, config } = this.deps;
    const clientId = checkClientId(request.clientId ?? Buffer.from(random.bytes(12)).toString('base64url'));
    const plainHttp = !config.isProduction;
    if (request.redirectUris.length === 0) throw oidcErrors.invalidClient('redirectUris: at least one');
    const client: OidcClient = {
      clientId,
      secret: request.isPublic ? null : Buffer.from(random.bytes(32)).toString('base64url'),
      name: request.name.trim() === '' ? clientId : request.name.trim(),
      redirectUris: request.redirectUris.map((uri) => checkRedirectUri(uri, plainHttp)),
      postLogoutRedirectUris: (request.postLogoutRedirectUris ?? []).map((uri) => checkRedirectUri(uri, plainHttp)),
      scopes: checkScopes(request.scopes ?? ['openid', 'profile', 'email', 'groups', 'offline_access']),
      firstParty: request.firstParty ?? false,
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
    await this.deps.recordAdminChange.execute(actor, {
      action: 'oidc.client-create',
      target: clientId,
      details: {
        redirectUris: client.redirectUris,
        scopes: client.scopes,
        firstParty: client.firstParty,
        confidential: client.secret !== null,
      },
    });
    return { client: summarize(client), secret: client.secret };
  }

  async list(): Promise<OidcClientSummary[]> {
    return (await this.deps.oidcClientStore.list()).map(summarize);
  }

  /** Disables (or enables again) a client: a disabled one is refused everywhere, its tokens included. */
  async setDisabled(actor: Actor, clientId: string, disabled: boolean): Promise<OidcClientSummary> {
    const client = await this.deps.oidcClientStore.find(clientId);
    if (client === null) throw oidcErrors.clientNotFound(clientId);
    const changed = { ...client, disabled };
    await this.deps.oidcClientStore.save(changed);
    await this.deps.recordAdminChange.execute(actor, {
      action: disabled ? 'oidc.client-disable' : 'oidc.client-enable',
      target: clientId,
    });
    return summarize(changed);
  }

  async remove(actor: Actor, clientId: string): Promise<void> {
    if (!(await this.deps.oidcClientStore.remove(clientId))) throw oidcErrors.clientNotFound(clientId);
    await this.deps.recordAdminChange.execute(actor, { action: 'oidc.client-remove', target: clientId });
  }
}

function summarize(client: OidcClient): OidcClientSummary {
  const { secret, ...rest } = client;
  return { ...rest, confidential: secret !== null };
}
