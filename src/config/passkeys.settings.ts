import { z } from 'zod';
import { relyingPartyFor, type RelyingParty } from '../domain/passkeys/relying-party.js';
import { flag, type Conflict } from './fields.js';
import { publicBase } from './oidc.settings.js';

/** Passkeys (WebAuthn): on wherever PUBLIC_URL gives a usable relying party, unless PASSKEYS=false. */
export const passkeysShape = {
  PASSKEYS: flag.optional(),
};

type PasskeysRaw = z.infer<z.ZodObject<typeof passkeysShape>> & { PUBLIC_URL?: string | undefined; HOST: string; PORT: number };

export const passkeysConflicts: readonly Conflict<PasskeysRaw>[] = [
  {
    name: 'PASSKEYS',
    when: (raw) => raw.PASSKEYS === true && 'problem' in relyingPartyFor(publicBase(raw)),
    message: 'is true, but PUBLIC_URL gives no relying party for them: set PUBLIC_URL to the https address users reach Signet at',
  },
];

export interface PasskeysConfig {
  passkeys: {
    /** Who passkeys are registered with: PUBLIC_URL's host and origin; null when passkeys are off. */
    relyingParty: RelyingParty | null;
    /** Why passkeys are off though PASSKEYS did not ask it (PUBLIC_URL gives no relying party); null otherwise. */
    unavailableBecause: string | null;
  };
}

export function readPasskeys(raw: PasskeysRaw): PasskeysConfig {
  if (raw.PASSKEYS === false) return { passkeys: { relyingParty: null, unavailableBecause: null } };
  const base = publicBase(raw);
  const found = relyingPartyFor(base);
  if ('problem' in found) {
    const named = raw.PUBLIC_URL === undefined ? `the address derived from HOST and PORT (${base})` : `PUBLIC_URL (${base})`;
    return { passkeys: { relyingParty: null, unavailableBecause: `${named} ${found.problem}` } };
  }
  return { passkeys: { relyingParty: found, unavailableBecause: null } };
}
