import type { Cache } from '../../domain/backends/cache.port.js';
import {
  newBrowserBinding,
  PASSKEY_CHALLENGE_TTL_SECONDS,
  passkeyChallengeKey,
  type PendingChallenge,
} from '../../domain/passkeys/passkey-challenge.js';
import type { CeremonyOptions, WebAuthnCeremonies } from '../../domain/passkeys/webauthn.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { requireRelyingParty, type PasskeysConfig } from './passkeys-config.js';

export interface BeginPasskeySignInDeps {
  webAuthnCeremonies: WebAuthnCeremonies;
  cache: Cache;
  random: RandomSource;
  config: PasskeysConfig;
}

export interface SignInStart {
  /** For `navigator.credentials.get()`. */
  options: CeremonyOptions;
  /** For the browser's cookie: only the browser holding it can answer this challenge. */
  binding: string;
}

/**
 * Starts a sign-in with a passkey, no username asked: options that let the authenticator offer any
 * passkey it holds for this site, and a challenge kept in the Cache for five minutes, bound to this
 * browser.
 */
export class BeginPasskeySignIn {
  constructor(private readonly deps: BeginPasskeySignInDeps) {}

  async execute(): Promise<SignInStart> {
    const { webAuthnCeremonies, cache, random, config } = this.deps;
    const { options, challenge } = await webAuthnCeremonies.signInOptions({ relyingParty: requireRelyingParty(config) });
    const binding = newBrowserBinding(random);
    const pending: PendingChallenge = { ceremony: 'sign-in', challenge, username: null, userHandle: null };
    await cache.set(passkeyChallengeKey('sign-in', binding), JSON.stringify(pending), PASSKEY_CHALLENGE_TTL_SECONDS);
    return { options, binding };
  }
}
