import type { Cache } from '../../domain/backends/cache.port.js';
import type { Passkey } from '../../domain/passkeys/passkey.js';
import { passkeyName } from '../../domain/passkeys/passkey.js';
import { parsePendingChallenge, passkeyChallengeKey } from '../../domain/passkeys/passkey-challenge.js';
import { passkeyErrors } from '../../domain/passkeys/passkey.errors.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import { isRefusal, type WebAuthnCeremonies } from '../../domain/passkeys/webauthn.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import { requireRelyingParty, type PasskeysConfig } from './passkeys-config.js';

export interface FinishPasskeyRegistrationDeps {
  passkeyStore: PasskeyStore;
  webAuthnCeremonies: WebAuthnCeremonies;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  config: PasskeysConfig;
}

export interface RegistrationAnswer {
  /** The logged-in user finishing it: must be the one who began it. */
  username: string;
  /** The browser's binding cookie; null when it sent none. */
  binding: string | null;
  /** The browser's `PublicKeyCredential`, as JSON text. */
  response: string;
  /** What the user calls it. */
  name: string;
}

/**
 * Finishes a registration: the challenge is taken from the Cache (once: a second answer finds
 * none), the response checked against it, and the new passkey stored under the user's name for it.
 */
export class FinishPasskeyRegistration {
  constructor(private readonly deps: FinishPasskeyRegistrationDeps) {}

  async execute(answer: RegistrationAnswer): Promise<Passkey> {
    const { passkeyStore, webAuthnCeremonies, cache, clock, logger, config } = this.deps;
    const relyingParty = requireRelyingParty(config);
    const name = passkeyName(answer.name);
    if (name === null) throw passkeyErrors.badName();
    if (answer.binding === null) throw passkeyErrors.expired();
    const pending = parsePendingChallenge(await cache.take(passkeyChallengeKey('register', answer.binding)));
    if (pending === null || pending.username !== answer.username || pending.userHandle === null) {
      throw passkeyErrors.expired();
    }
    const credential = await webAuthnCeremonies.verifyRegistration({
      relyingParty,
      response: answer.response,
      challenge: pending.challenge,
    });
    if (isRefusal(credential)) {
      logger.info('a passkey registration was refused', { username: answer.username, reason: credential.refused });
      throw passkeyErrors.notAccepted();
    }
    const passkey: Passkey = {
      id: credential.id,
      username: answer.username,
      userHandle: pending.userHandle,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports,
      name,
      createdAt: clock.now(),
      lastUsedAt: null,
    };
    if (!(await passkeyStore.add(passkey))) throw passkeyErrors.alreadyRegistered();
    logger.info('a passkey was registered', { username: answer.username, passkey: name });
    return passkey;
  }
}
