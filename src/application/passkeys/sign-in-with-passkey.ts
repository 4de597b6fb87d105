import { loginActor } from '../../domain/admin/actor.js';
import { newAuditEntry } from '../../domain/admin/audit-entry.js';
import type { AuditLog } from '../../domain/admin/audit-log.port.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import { parsePendingChallenge, passkeyChallengeKey } from '../../domain/passkeys/passkey-challenge.js';
import { passkeyErrors } from '../../domain/passkeys/passkey.errors.js';
import type { Passkey } from '../../domain/passkeys/passkey.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import { counterMovedOn } from '../../domain/passkeys/signature-counter.js';
import { isRefusal, type WebAuthnCeremonies } from '../../domain/passkeys/webauthn.port.js';
import { sessionFloorKey } from '../../domain/sessions/session.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { Authenticated } from '../users/authenticate-user.js';
import { requireRelyingParty, type PasskeysConfig } from './passkeys-config.js';

export interface SignInWithPasskeyDeps {
  passkeyStore: PasskeyStore;
  webAuthnCeremonies: WebAuthnCeremonies;
  userDirectory: UserDirectory;
  auditLog: AuditLog;
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  config: PasskeysConfig;
}

export interface PasskeyAnswer {
  /** The browser's binding cookie; null when it sent none. */
  binding: string | null;
  /** The browser's `PublicKeyCredential`, as JSON text. */
  response: string;
  /** The client's address as the HTTP edge determined it. */
  address: string;
  /**
   * For a passkey asked for as the second step after a password: the user whose password was
   * checked, whose passkey it must be. Omitted for a sign-in with the passkey alone.
   */
  username?: string;
}

/**
 * Signs a user in with a passkey: the browser's challenge is taken from the Cache (once: a replay,
 * or another browser's answer, finds none), the passkey is found by the id the response names, the
 * response checked against its public key, and its signature counter must have moved on. A counter
 * that went backwards (a copied key) is refused and written to the audit log. Answers as a password
 * login does: the user, and the session floor read before the user was.
 */
export class SignInWithPasskey {
  private audited = 0;

  constructor(private readonly deps: SignInWithPasskeyDeps) {}

  async execute(answer: PasskeyAnswer): Promise<Authenticated> {
    const { passkeyStore, webAuthnCeremonies, userDirectory, cache, clock, logger, config } = this.deps;
    const relyingParty = requireRelyingParty(config);
    if (answer.binding === null) throw passkeyErrors.expired();
    const pending = parsePendingChallenge(await cache.take(passkeyChallengeKey('sign-in', answer.binding)));
    if (pending === null) throw passkeyErrors.expired();
    const claimed = webAuthnCeremonies.claimedCredential(answer.response);
    if (claimed === null) throw passkeyErrors.malformed();
    const passkey = await passkeyStore.find(claimed.id);
    if (passkey === null) throw passkeyErrors.unknown();
    if (
      (claimed.userHandle !== null && claimed.userHandle !== passkey.userHandle) ||
      (answer.username ?? passkey.username) !== passkey.username
    ) {
      logger.info('a passkey sign-in was refused', { username: passkey.username, reason: 'the passkey is not this user’s' });
      throw passkeyErrors.notAccepted();
    }

    // The floor first, as a password login reads it: a change saves the user, then sets a new floor.
    const floor = await cache.get(sessionFloorKey(passkey.username));
    const verified = await webAuthnCeremonies.verifySignIn({
      relyingParty,
      response: answer.response,
      challenge: pending.challenge,
      credential: passkey,
    });
    if (isRefusal(verified)) {
      logger.info('a passkey sign-in was refused', { username: passkey.username, reason: verified.refused });
      throw passkeyErrors.notAccepted();
    }
    if (!counterMovedOn(passkey.counter, verified.counter)) {
      await this.auditRegression(passkey, verified.counter, answer.address);
      throw passkeyErrors.counterRegressed();
    }
    const user = await userDirectory.findByUsername(passkey.username);
    if (user === null || !user.isActive) {
      logger.info('a passkey sign-in was refused', { username: passkey.username, reason: 'the user is inactive or gone' });
      throw passkeyErrors.notAccepted();
    }
    const now = clock.now();
    // Only while the counter is still the one judged: of two answers with one counter, one wins.
    if (!(await passkeyStore.recordUse(passkey.id, { counter: verified.counter, at: now }, passkey.counter))) {
      throw passkeyErrors.notAccepted();
    }
    await userDirectory.recordLogin(user.username, now);
    return { user: { ...user, lastLogin: now }, floor };
  }

  private async auditRegression(passkey: Passkey, received: number, address: string): Promise<void> {
    const { auditLog, clock, random, logger } = this.deps;
    logger.warn('a passkey was refused: its signature counter went backwards', {
      username: passkey.username,
      passkey: passkey.name,
      stored: passkey.counter,
      received,
    });
    this.audited += 1;
    await auditLog.append(
      newAuditEntry(
        loginActor(passkey.username, address),
        {
          action: 'passkey.counter-regressed',
          target: passkey.username,
          details: { passkey: passkey.name, credential: passkey.id, storedCounter: passkey.counter, receivedCounter: received },
        },
        clock.now(),
        this.audited,
        random,
      ),
    );
  }
}
