import { z } from 'zod';
import { seconds, wholeNumber } from './fields.js';

/** The OpenID Connect provider under /oidc. */
export const oidcShape = {
  OIDC_GRANT_TTL: seconds.default(14 * 24 * 60 * 60),
  // Longer than relying parties commonly cache the JWKS (a day at most), so that they know a new key before it signs.
  OIDC_KEY_ACTIVATION_DELAY: wholeNumber(0, Number.MAX_SAFE_INTEGER, 'accepts a whole number of seconds').default(24 * 60 * 60),
};

type OidcRaw = z.infer<z.ZodObject<typeof oidcShape>> & { PUBLIC_URL?: string | undefined; HOST: string; PORT: number };

export interface OidcConfig {
  oidc: {
    /** `<PUBLIC_URL>/oidc`: what ID tokens name as their issuer, and where discovery is served. */
    issuer: string;
    /** Whether the issuer was derived from HOST and PORT (PUBLIC_URL unset): fine for development only. */
    issuerIsDerived: boolean;
    /** How long a grant (and so a refresh token, and a login mark) lives, in seconds. */
    grantTtlSeconds: number;
    /** How long after a rotation the new signing keys start signing, in seconds. */
    keyActivationDelaySeconds: number;
    /** How long an ID token lives, in seconds: the longest a token signed by a key outlives the key's signing. */
    idTokenTtlSeconds: number;
    /** How often an instance reads the signing keys again (to see another instance's rotation), in seconds. */
    keyRefreshSeconds: number;
  };
}

export function readOidc(raw: OidcRaw): OidcConfig {
  return {
    oidc: {
      issuer: `${publicBase(raw)}/oidc`,
      issuerIsDerived: raw.PUBLIC_URL === undefined,
      grantTtlSeconds: raw.OIDC_GRANT_TTL,
      keyActivationDelaySeconds: raw.OIDC_KEY_ACTIVATION_DELAY,
      idTokenTtlSeconds: 60 * 60,
      keyRefreshSeconds: 30,
    },
  };
}

/** PUBLIC_URL without its trailing slash; else the address this host and port answer on, for development. */
export function publicBase(raw: Pick<OidcRaw, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (raw.PUBLIC_URL !== undefined) return raw.PUBLIC_URL.replace(/\/+$/, '');
  const host = raw.HOST === '0.0.0.0' || raw.HOST === '::' ? 'localhost' : raw.HOST.includes(':') ? `[${raw.HOST}]` : raw.HOST;
  return `http://${host}:${raw.PORT}`;
}
