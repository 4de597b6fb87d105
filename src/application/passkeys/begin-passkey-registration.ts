import type { Cache } from '../../domain/backends/cache.port.js';
import {
  newBrowserBinding,
  newUserHandle,
  PASSKEY_CHALLENGE_TTL_SECONDS,
  passkeyChallengeKey,
  type PendingChallenge,
} from '../../domain/passkeys/passkey-challenge.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import type { CeremonyOptions, WebAuthnCeremonies } from '../../domain/passkeys/webauthn.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { requireRelyingParty, type PasskeysConfig } from './passkeys-config.js';

export interface BeginPasskeyRegistrationDeps {
  passkeyStore: PasskeyStore;
  webAuthnCeremonies: WebAuthnCeremonies;
  cache: Cache;
  random: RandomSource;
  config: PasskeysConfig;
}

export interface RegistrationStart {
  /** For `navigator.credentials.create()`. */
  options: CeremonyOptions;
  /** For the browser's cookie: only the browser holding it can finish this registration. */
  binding: string;
}

/**
 * Starts registering a passkey for a logged-in user: options for the browser (the user's passkeys
 * excluded, so an authenticator is not registered twice), and a challenge kept in the Cache for five
 * minutes, bound to this browser and this user. A user's passkeys share one random user handle.
 */
export class BeginPasskeyRegistration {
  constructor(private readonly deps: BeginPasskeyRegistrationDeps) {}

  async execute(user: { username: string; displayName: string }): Promise<RegistrationStart> {
    const { passkeyStore, webAuthnCeremonies, cache, random, config } = this.deps;
    const relyingParty = requireRelyingParty(config);
    const existing = await passkeyStore.listFor(user.username);
    const userHandle = existing[0]?.userHandle ?? newUserHandle(random);
    const { options, challenge } = await webAuthnCeremonies.registrationOptions({
      relyingParty,
      userHandle,
      username: user.username,
      displayName: user.displayName,
      exclude: existing.map((passkey) => ({ id: passkey.id, transports: passkey.transports })),
    });
    const binding = newBrowserBinding(random);
    const pending: PendingChallenge = { ceremony: 'register', challenge, username: user.username, userHandle };
    await cache.set(passkeyChallengeKey('register', binding), JSON.stringify(pending), PASSKEY_CHALLENGE_TTL_SECONDS);
    return { options, binding };
  }
}
