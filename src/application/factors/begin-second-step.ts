import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { FactorKind } from '../../domain/factors/factor.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import { passedSecondFactor, policyCovers, type MfaPolicy } from '../../domain/factors/mfa-policy.js';
import { newPendingStep, newPendingStepId, pendingStepKey, SECOND_STEP_TTL_SECONDS } from '../../domain/factors/second-step.js';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';
import type { User } from '../../domain/users/user.js';

export interface BeginSecondStepDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  factorStore: FactorStore;
  /** A passkey is a factor too: a user who has one is asked for it (or a code) after the password. */
  passkeyStore: PasskeyStore;
  totpAlgorithm: TotpAlgorithm;
  config: { mfa: { required: MfaPolicy } };
}

export interface PasswordPassed {
  user: User;
  /** The session floor the password's login read (Authenticated). */
  floor: string | null;
  /** Which login this is (see second-step.ts): a half-login finishes only the login it began in. */
  purpose: string;
  /** The application asked for a second factor (OpenID `acr_values`), whatever the policy. */
  factorRequested?: boolean;
  /**
   * The methods an existing session's login passed (a "continue as"); `["pwd"]` for a password just
   * typed. A login that passed a second factor is not asked for one again.
   */
  amrSoFar?: readonly string[];
}

/**
 * What follows a right password: nothing, for a user with no factor whom neither the policy
 * (MFA_REQUIRED) nor the application asks for one; otherwise a half-login kept in the Cache, its
 * id for the browser's cookie, waiting for a code (`factor`), or for a user who must have a factor
 * and has none, for the first code of a TOTP secret to enrol (`enroll`) before anything else.
 */
export type SecondStepStart =
  | { kind: 'none' }
  | { kind: 'pending'; id: string; stage: 'factor' | 'enroll'; factorKinds: readonly FactorKind[] };

export class BeginSecondStep {
  constructor(private readonly deps: BeginSecondStepDeps) {}

  async execute(passed: PasswordPassed): Promise<SecondStepStart> {
    const { cache, clock, random, factorStore, passkeyStore, totpAlgorithm, config } = this.deps;
    const { user, floor, purpose } = passed;
    const amr = passed.amrSoFar ?? ['pwd'];
    if (passedSecondFactor(amr)) return { kind: 'none' };
    const [factors, passkeys] = await Promise.all([factorStore.listFactors(user.username), passkeyStore.listFor(user.username)]);
    const hasFactor = factors.length > 0 || passkeys.length > 0;
    const required = passed.factorRequested === true || policyCovers(config.mfa.required, user);
    if (!hasFactor && !required) return { kind: 'none' };
    const stage = hasFactor ? 'factor' : 'enroll';
    const id = newPendingStepId(random.bytes(32));
    const pending = newPendingStep(
      { username: user.username, floor, purpose, stage, proposedSecret: stage === 'enroll' ? totpAlgorithm.newSecret() : null },
      clock.now(),
      amr,
    );
    await cache.set(pendingStepKey(id), JSON.stringify(pending), SECOND_STEP_TTL_SECONDS);
    return { kind: 'pending', id, stage, factorKinds: [...new Set(factors.map((factor) => factor.kind))] };
  }
}
