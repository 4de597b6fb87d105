import { normalizeSsoHost } from '../sso-provider/sso-host.js';

/** The two ways a login can end in an app: dj-sso-server's handshake, and OpenID Connect. */
export const LOGIN_PROTOCOLS = ['dj-sso', 'oidc'] as const;
export type LoginProtocol = (typeof LOGIN_PROTOCOLS)[number];

/**
 * One login that ended in an app: the app (its host, as `normalizeSsoHost` writes it), the protocol,
 * the user, and when (ms since the epoch).
 */
export interface AppLogin {
  readonly app: string;
  readonly protocol: LoginProtocol;
  readonly username: string;
  readonly at: number;
}

/**
 * The app a redirect URI belongs to: its host (`localhost:8000`), as an SSO host is written, so that
 * an app's dj-sso key and its OpenID client meet under one name. null when the URI has no such host.
 */
export function appOfRedirectUri(uri: string): string | null {
  let host: string;
  try {
    host = new URL(uri).host;
  } catch {
    return null;
  }
  return host === '' ? null : normalizeSsoHost(host);
}
