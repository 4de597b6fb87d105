import { createHmac } from 'node:crypto';

/**
 * The nonce and the PKCE code verifier of a login, derived from its `state` with the app's key
 * (HMAC-SHA256): the browser keeps only the digest of the state (as for a dj-sso request token), and
 * the app keeps nothing, yet only the app can tell a login's nonce and verifier. The state travels
 * in URLs; what is derived from it never does, but for the nonce inside the ID token.
 */
export function oidcLoginSecrets(key: Uint8Array, state: string): { nonce: string; codeVerifier: string } {
  const derive = (purpose: string): string => createHmac('sha256', key).update(`${purpose}\0${state}`).digest('base64url');
  // 32 bytes in base64url: 43 characters, as RFC 7636 asks of a verifier.
  return { nonce: derive('signet oidc nonce'), codeVerifier: derive('signet oidc pkce verifier') };
}

/** The key logins are derived with, from the app's cookie secret: never the secret itself. */
export function oidcLoginKey(cookieSecret: Uint8Array): Buffer {
  return createHmac('sha256', cookieSecret).update('signet oidc login secrets').digest();
}
