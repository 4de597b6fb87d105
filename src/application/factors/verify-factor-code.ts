import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import { factorErrors } from '../../domain/factors/factors.errors.js';
import { normalizeRecoveryCode, recoveryCodeDigest } from '../../domain/factors/recovery-codes.js';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';
import { totpCode } from '../../domain/factors/totp.js';
import { clearLoginCount, countLoginAttempt } from '../users/count-login-attempt.js';
import { acceptTotpCode } from './accept-totp-code.js';

export interface VerifyFactorCodeDeps {
  cache: Cache;
  clock: Clock;
  factorStore: FactorStore;
  totpAlgorithm: TotpAlgorithm;
}

export interface FactorCodeAttempt {
  username: string;
  /** A six-digit TOTP code, or a recovery code. */
  code: string;
  /** The client's address as the HTTP edge determined it. */
  address: string;
}

/**
 * Checks a code typed as the second step of a login: a TOTP code (once per time step) or a recovery
 * code (once ever). Every try counts toward the same lockout as passwords (per username and per
 * address), before it is checked; a success starts the username's count again. Resolves the method
 * (RFC 8176) the code stands for; a wrong code throws `factors.wrong_code`, a locked-out user
 * `user.too_many_attempts`.
 */
export class VerifyFactorCode {
  constructor(private readonly deps: VerifyFactorCodeDeps) {}

  async execute(attempt: FactorCodeAttempt): Promise<'otp'> {
    const { cache, clock, factorStore } = this.deps;
    const { username, address } = attempt;
    await countLoginAttempt(cache, username, address);
    const accepted = await this.accept(username, attempt.code, clock.now());
    if (!accepted) throw factorErrors.wrongCode();
    await clearLoginCount(cache, username);
    if (accepted !== 'recovery') await factorStore.recordUse(username, accepted, clock.now());
    return 'otp';
  }

  /** The id of the TOTP factor the code was good for, 'recovery' for a recovery code, null for neither. */
  private async accept(username: string, typed: string, now: number): Promise<string | 'recovery' | null> {
    const totp = totpCode(typed);
    if (totp !== null) {
      const factor = await acceptTotpCode(this.deps, username, await this.deps.factorStore.listFactors(username), totp, now);
      return factor?.id ?? null;
    }
    const recovery = normalizeRecoveryCode(typed);
    if (recovery === null) return null;
    return (await this.deps.factorStore.useRecoveryCode(username, recoveryCodeDigest(username, recovery))) ? 'recovery' : null;
  }
}
