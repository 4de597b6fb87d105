import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import { FactorError, factorErrors } from '../../domain/factors/factors.errors.js';
import {
  livePendingStep,
  MAX_CODE_TRIES_PER_STEP,
  pendingSecondsLeft,
  pendingStepKey,
  type PendingStep,
} from '../../domain/factors/second-step.js';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';
import { PasskeyError } from '../../domain/passkeys/passkey.errors.js';
import type { PasskeyAnswer, SignInWithPasskey } from '../passkeys/sign-in-with-passkey.js';
import { enrollTotp } from './enroll-totp.js';
import type { VerifyFactorCode } from './verify-factor-code.js';

export interface FinishSecondStepDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  factorStore: FactorStore;
  totpAlgorithm: TotpAlgorithm;
  verifyFactorCode: VerifyFactorCode;
  signInWithPasskey: Pick<SignInWithPasskey, 'execute'>;
}

export interface SecondStepAnswer {
  /** The half-login's id, from the browser's cookie. */
  id: string | undefined;
  purpose: string;
  /** The code typed (a TOTP or recovery code; the first code of a new secret while enrolling); empty to go on after the recovery codes. */
  code: string;
  /** The name of a factor being enrolled. */
  name: string;
  /** The client's address as the HTTP edge determined it. */
  address: string;
  /** A passkey offered instead of a code (its binding and response); null when a code was typed. */
  passkey?: Pick<PasskeyAnswer, 'binding' | 'response'> | null;
}

/** A login whose every step passed: what a session or a grant is made from. */
export interface LoginCompleted {
  kind: 'completed';
  username: string;
  floor: string | null;
  /** The methods passed (RFC 8176): `pwd` and `otp`. */
  amr: readonly string[];
}

/** A factor was just enrolled: its recovery codes are shown once, and the user goes on from there. */
export interface RecoveryCodesIssued {
  kind: 'recovery-codes';
  codes: readonly string[];
}

/**
 * The second step of a login: the half-login is taken from the Cache (only one request can hold it),
 * the answer checked, and the login either completed, or put back for another try. A wrong code
 * is put back until MAX_CODE_TRIES_PER_STEP (then the password must be typed again), and counts
 * toward the lockout (VerifyFactorCode). While enrolling, a right first code saves the factor and
 * its recovery codes, which are returned once; the half-login then waits for the user to go on.
 */
export class FinishSecondStep {
  constructor(private readonly deps: FinishSecondStepDeps) {}

  async execute(answer: SecondStepAnswer): Promise<LoginCompleted | RecoveryCodesIssued> {
    const { cache, clock } = this.deps;
    if (answer.id === undefined) throw factorErrors.stepExpired();
    const key = pendingStepKey(answer.id);
    const pending = livePendingStep(await cache.take(key), answer.purpose, clock.now());
    if (pending === null) throw factorErrors.stepExpired();
    if (pending.stage === 'enrolled') return completed(pending);
    try {
      if (pending.stage === 'factor' && answer.passkey !== undefined && answer.passkey !== null) {
        // The user's own passkey only: one of another account, though valid, does not finish this login.
        await this.deps.signInWithPasskey.execute({ ...answer.passkey, address: answer.address, username: pending.username });
        return completed({ ...pending, amr: [...pending.amr, 'hwk'] });
      }
      if (pending.stage === 'factor') {
        const method = await this.deps.verifyFactorCode.execute({
          username: pending.username,
          code: answer.code,
          address: answer.address,
        });
        return completed({ ...pending, amr: [...pending.amr, method] });
      }
      const secret = pending.proposedSecret ?? '';
      const enrolled = await enrollTotp(this.deps, { username: pending.username, secret, code: answer.code, name: answer.name });
      const passed: PendingStep = { ...pending, stage: 'enrolled', proposedSecret: null, amr: [...pending.amr, 'otp'] };
      if (enrolled.recoveryCodes === null) return completed(passed);
      await this.putBack(key, passed);
      return { kind: 'recovery-codes', codes: enrolled.recoveryCodes };
    } catch (error) {
      const retryable = (error instanceof FactorError && error.code === 'factors.wrong_code') || error instanceof PasskeyError;
      if (retryable && pending.tries + 1 < MAX_CODE_TRIES_PER_STEP) {
        await this.putBack(key, { ...pending, tries: pending.tries + 1 });
      }
      throw error;
    }
  }

  private async putBack(key: string, pending: PendingStep): Promise<void> {
    await this.deps.cache.set(key, JSON.stringify(pending), pendingSecondsLeft(pending, this.deps.clock.now()));
  }
}

function completed(pending: PendingStep): LoginCompleted {
  return { kind: 'completed', username: pending.username, floor: pending.floor, amr: pending.amr };
}
