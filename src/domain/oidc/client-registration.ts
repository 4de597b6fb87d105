import { OIDC_SCOPES, type OidcScope } from './oidc-client.js';
import { oidcErrors } from './oidc.errors.js';

/** A client id: letters, digits, dots, dashes and underscores, 1 to 64 of them. */
const CLIENT_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function checkClientId(clientId: string): string {
  if (!CLIENT_ID.test(clientId)) {
    throw oidcErrors.invalidClient('clientId: 1 to 64 letters, digits, dots, dashes or underscores');
  }
  return clientId;
}

/**
 * A redirect URI a client may register: an absolute http(s) URL without a fragment or credentials,
 * kept exactly as written (it is compared exactly). Plain http only for a loopback host, unless
 * `allowPlainHttp` (outside production).
 */
export function checkRedirectUri(uri: string, allowPlainHttp: boolean): string {
  if (!URL.canParse(uri)) throw oidcErrors.invalidClient(`redirect URI "${uri}": not an absolute URL`);
  const url = new URL(uri);
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || allowPlainHttp))) {
    throw oidcErrors.invalidClient(`redirect URI "${uri}": https only (plain http for localhost and 127.0.0.1)`);
  }
  if (uri.includes('#') || url.username !== '' || url.password !== '') {
    throw oidcErrors.invalidClient(`redirect URI "${uri}": no fragment and no credentials`);
  }
  return uri;
}

/** The scopes a client is allowed: the known ones, `openid` always among them. */
export function checkScopes(scopes: readonly string[]): OidcScope[] {
  const known = new Set<string>(OIDC_SCOPES);
  const unknown = scopes.filter((scope) => !known.has(scope));
  if (unknown.length > 0)
    throw oidcErrors.invalidClient(`scopes: unknown ${unknown.join(', ')} (known: ${OIDC_SCOPES.join(', ')})`);
  return OIDC_SCOPES.filter((scope) => scope === 'openid' || scopes.includes(scope));
}

/** A client may register this many redirect URIs (or post-logout URIs) at most. */
const MOST_URIS = 50;

/**
 * A list of redirect URIs (`field` names it in a refusal), each checked by `checkRedirectUri`, none
 * twice; `redirectUris` needs at least one, `postLogoutRedirectUris` may be empty.
 */
export function checkRedirectUris(
  uris: readonly string[],
  allowPlainHttp: boolean,
  field: 'redirectUris' | 'postLogoutRedirectUris',
): string[] {
  if (field === 'redirectUris' && uris.length === 0) throw oidcErrors.invalidClient('redirectUris: at least one');
  if (uris.length > MOST_URIS) throw oidcErrors.invalidClient(`${field}: at most ${MOST_URIS}`);
  const checked = uris.map((uri) => checkRedirectUri(uri, allowPlainHttp));
  return [...new Set(checked)];
}
