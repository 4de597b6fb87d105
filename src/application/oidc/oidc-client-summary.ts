import type { OidcClient } from '../../domain/oidc/oidc-client.js';

/** The client as shown: never its secret. */
export type OidcClientSummary = Omit<OidcClient, 'secret'> & { confidential: boolean };

export function summarizeOidcClient(client: OidcClient): OidcClientSummary {
  const { secret, ...rest } = client;
  return { ...rest, confidential: secret !== null };
}

/** A confidential client's secret: 32 random bytes, base64url. */
export function newClientSecret(random: { bytes(count: number): Uint8Array }): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}
