import type { Cache } from '../../domain/backends/cache.port.js';
import { passkeyErrors } from '../../domain/passkeys/passkey.errors.js';
import {
  challengeCounterKey,
  CHALLENGE_WINDOW_SECONDS,
  MAX_CHALLENGES_PER_ADDRESS,
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
 * browser. An address that asks for more than MAX_CHALLENGES_PER_ADDRESS in a window is refused
 * (each challenge holds a cache key, and anyone may ask for one).
 */
export class BeginPasskeySignIn {
  constructor(private readonly deps: BeginPasskeySignInDeps) {}

  /** `address`: the client's, as the HTTP edge determined it. */
  async execute(address: string): Promise<SignInStart> {
    const { webAuthnCeremonies, cache, random, config } = this.deps;
    const relyingParty = requireRelyingParty(config);
    const [counted] = await cache.increment([challengeCounterKey(address)], CHALLENGE_WINDOW_SECONDS, [
      MAX_CHALLENGES_PER_ADDRESS,
    ]);
    if (counted !== undefined && counted.count > MAX_CHALLENGES_PER_ADDRESS)
      throw passkeyErrors.tooManyChallenges(counted.secondsLeft);
    const { options, challenge } = await webAuthnCeremonies.signInOptions({ relyingParty });
    const binding = newBrowserBinding(random);
    const pending: PendingChallenge = { ceremony: 'sign-in', challenge, username: null, userHandle: null };
    await cache.set(passkeyChallengeKey('sign-in', binding), JSON.stringify(pending), PASSKEY_CHALLENGE_TTL_SECONDS);
    return { options, binding };
  }
}
