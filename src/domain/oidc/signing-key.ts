/** The algorithms Signet signs ID tokens with: ES256 by default, RS256 for clients that know no other. */
export const SIGNING_ALGORITHMS = ['ES256', 'RS256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * A key the provider signs ID tokens with. `privateJwk` is the private key as a JSON Web Key (JSON
 * text); it is never shown, and a persistent store keeps it encrypted. Times are ms since the epoch.
 * A key is published from its creation, and signs from `activatesAt` until a newer key of its
 * algorithm activates.
 */
export interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateJwk: string;
  readonly createdAt: number;
  readonly activatesAt: number;
}

/** Where a key stands at one moment. */
export type SigningKeyState = 'pending' | 'signing' | 'retiring';

/** A key with its state, and, once superseded, when it leaves the JWKS (ms since the epoch). */
export interface PlannedKey {
  readonly key: SigningKey;
  readonly state: SigningKeyState;
  readonly dropsAt: number | null;
}

/**
 * The keys at `now`: for each algorithm, the newest key that has activated signs; older ones are
 * still published until every token they signed has expired (`tokenLifetimeMs` after a newer key
 * took over), then dropped; keys not yet active are published so that relying parties' caches of
 * the JWKS know them before anything is signed with them. `published` lists the signing key of each
 * algorithm before the others, since the provider signs with the first key of an algorithm.
 */
export interface SigningKeyPlan {
  readonly published: readonly PlannedKey[];
  readonly dropped: readonly SigningKey[];
}

export function planSigningKeys(keys: readonly SigningKey[], now: number, tokenLifetimeMs: number): SigningKeyPlan {
  const published: PlannedKey[] = [];
  const dropped: SigningKey[] = [];
  for (const alg of SIGNING_ALGORITHMS) {
    const ofAlg = keys.filter((key) => key.alg === alg).sort(byActivation);
    const active = ofAlg.filter((key) => key.activatesAt <= now);
    // Before any key of the algorithm activates (only ever a moment at the first start), the first to come signs.
    const signing = active.at(-1) ?? ofAlg[0];
    if (signing === undefined) continue;
    published.push({ key: signing, state: 'signing', dropsAt: null });
    for (const key of ofAlg) {
      if (key === signing) continue;
      if (key.activatesAt > now && byActivation(key, signing) > 0) {
        published.push({ key, state: 'pending', dropsAt: null });
        continue;
      }
      // Superseded when the next key of its algorithm activated.
      const next = ofAlg[ofAlg.indexOf(key) + 1] ?? signing;
      const dropsAt = Math.max(next.activatesAt, key.activatesAt) + tokenLifetimeMs;
      if (dropsAt <= now) dropped.push(key);
      else published.push({ key, state: 'retiring', dropsAt });
    }
  }
  return { published, dropped };
}

/** The oldest activation first; two keys activating at once ordered by kid, so that every instance agrees. */
function byActivation(a: SigningKey, b: SigningKey): number {
  return a.activatesAt - b.activatesAt || (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : 0);
}
