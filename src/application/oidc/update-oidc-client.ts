import { checkRedirectUris, checkScopes } from '../../domain/oidc/client-registration.js';
import type { OidcClient } from '../../domain/oidc/oidc-client.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import { oidcErrors } from '../../domain/oidc/oidc.errors.js';
import type { SigningAlgorithm } from '../../domain/oidc/signing-key.js';
import { summarizeOidcClient, type OidcClientSummary } from './oidc-client-summary.js';

export interface UpdateOidcClientDeps {
  oidcClientStore: OidcClientStore;
  config: { isProduction: boolean };
}

/** What an update sets; a field not given keeps its value. A list given replaces the whole list. */
export interface OidcClientChanges {
  name?: string | undefined;
  redirectUris?: readonly string[] | undefined;
  postLogoutRedirectUris?: readonly string[] | undefined;
  scopes?: readonly string[] | undefined;
  firstParty?: boolean | undefined;
  idTokenSignedResponseAlg?: SigningAlgorithm | undefined;
}

/** Changes a client's settings, checked as at its creation; its id, secret and kind stay. */
export class UpdateOidcClient {
  constructor(private readonly deps: UpdateOidcClientDeps) {}

  async execute(clientId: string, changes: OidcClientChanges): Promise<OidcClientSummary> {
    const { oidcClientStore, config } = this.deps;
    const client = await oidcClientStore.find(clientId);
    if (client === null) throw oidcErrors.clientNotFound(clientId);
    const plainHttp = !config.isProduction;
    const name = changes.name?.trim();
    const changed: OidcClient = {
      ...client,
      ...(name === undefined ? {} : { name: name === '' ? clientId : name }),
      ...(changes.redirectUris === undefined
        ? {}
        : { redirectUris: checkRedirectUris(changes.redirectUris, plainHttp, 'redirectUris') }),
      ...(changes.postLogoutRedirectUris === undefined
        ? {}
        : { postLogoutRedirectUris: checkRedirectUris(changes.postLogoutRedirectUris, plainHttp, 'postLogoutRedirectUris') }),
      ...(changes.scopes === undefined ? {} : { scopes: checkScopes(changes.scopes) }),
      ...(changes.firstParty === undefined ? {} : { firstParty: changes.firstParty }),
      ...(changes.idTokenSignedResponseAlg === undefined ? {} : { idTokenSignedResponseAlg: changes.idTokenSignedResponseAlg }),
    };
    await oidcClientStore.save(changed);
    return summarizeOidcClient(changed);
  }
}
