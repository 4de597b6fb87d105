import type { RelyingParty } from '../../domain/passkeys/relying-party.js';
import { passkeyErrors } from '../../domain/passkeys/passkey.errors.js';

/** What the passkey use cases read of the configuration. */
export interface PasskeysConfig {
  passkeys: {
    /** From PUBLIC_URL; null when passkeys are off. */
    relyingParty: RelyingParty | null;
  };
}

/** The relying party; a PasskeyError when passkeys are off. */
export function requireRelyingParty(config: PasskeysConfig): RelyingParty {
  const { relyingParty } = config.passkeys;
  if (relyingParty === null) throw passkeyErrors.unavailable();
  return relyingParty;
}
