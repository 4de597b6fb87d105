/** The algorithms Signet signs ID tokens with: ES256 by default, RS256 for clients that know no other. */
export const SIGNING_ALGORITHMS = ['ES256', 'RS256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * A key the provider signs ID tokens with. `privateJwk` is the private key as a JSON Web Key (JSON
 * text); it is never shown, and a persistent store keeps it encrypted. Times are ms since the epoch.
 */
export interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateJwk: string;
  readonly createdAt: number;
}

/**
 * The keys in the order the provider uses them: the first signs, the others are only published so
 * that what they signed still verifies. The oldest key signs until it is retired, so that instances
 * that read the keys at different moments still sign with the same one.
 */
export function signingOrder(keys: readonly SigningKey[]): SigningKey[] {
  return [...keys].sort((a, b) => a.createdAt - b.createdAt || (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0));
}
