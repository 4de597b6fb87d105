import { appOfRedirectUri } from '../../domain/app-meter/app-login.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';

/** An OpenID client as an app's page names it. */
export interface AppOidcClient {
  clientId: string;
  name: string;
  disabled: boolean;
}

/** What is registered for an app (a host): its live dj-sso keys and the OpenID clients that redirect to it. */
export interface AppRegistration {
  ssoKeys: string[];
  oidcClients: AppOidcClient[];
}

export interface AppRegistrationsDeps {
  credentialStore: CredentialStore;
  oidcClientStore: OidcClientStore;
}

/** The SSO keys are read a page of this many at a time. */
const SSO_PAGE = 500;

/**
 * Every registered app, by host: the host of each live SSO key, and each host an OpenID client's
 * redirect URIs name (a client redirecting to two hosts belongs to both).
 */
export async function appRegistrations(deps: AppRegistrationsDeps): Promise<Map<string, AppRegistration>> {
  const apps = new Map<string, AppRegistration>();
  const of = (app: string): AppRegistration => {
    const found = apps.get(app) ?? { ssoKeys: [], oidcClients: [] };
    apps.set(app, found);
    return found;
  };
  let after: string | null = null;
  do {
    const page = await deps.credentialStore.listPage({ order: 'host', limit: SSO_PAGE, after, search: null, entryPoint: null });
    for (const credential of page.items) {
      if (credential.ssoHost !== null && !credential.revoked) of(credential.ssoHost).ssoKeys.push(credential.apiKey);
    }
    after = page.next;
  } while (after !== null);
  for (const client of await deps.oidcClientStore.list()) {
    const hosts = new Set(client.redirectUris.map(appOfRedirectUri).filter((host) => host !== null));
    for (const host of hosts)
      of(host).oidcClients.push({ clientId: client.clientId, name: client.name, disabled: client.disabled });
  }
  return apps;
}
