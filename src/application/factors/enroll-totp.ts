import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { factorName, newFactorId, summarizeFactor, type FactorSummary, type StoredFactor } from '../../domain/factors/factor.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import { factorErrors } from '../../domain/factors/factors.errors.js';
import { newRecoveryCodes, recoveryCodeDigest } from '../../domain/factors/recovery-codes.js';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';
import { totpCode, USED_STEP_TTL_SECONDS, usedStepKey } from '../../domain/factors/totp.js';

export interface EnrollTotpDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  factorStore: FactorStore;
  totpAlgorithm: TotpAlgorithm;
}

export interface TotpEnrollment {
  username: string;
  /** The secret the user's app was shown (as a QR code and as text). */
  secret: string;
  /** The first code the app shows: proof that it holds the secret. */
  code: string;
  /** What the user calls it; the kind's word when empty. */
  name: string;
}

export interface EnrolledTotp {
  factor: FactorSummary;
  /** Ten new recovery codes, to be shown once, when the user had none left; null otherwise. */
  recoveryCodes: string[] | null;
}

/**
 * Saves a TOTP factor once the user's app proves it holds the secret: a code good for it now. That
 * code's time step is marked used, so it cannot log in after. A user with no recovery codes left is
 * given ten (only their digests are kept). A wrong code throws `factors.wrong_code`.
 */
export async function enrollTotp(deps: EnrollTotpDeps, enrollment: TotpEnrollment): Promise<EnrolledTotp> {
  const { cache, clock, random, factorStore, totpAlgorithm } = deps;
  const { username, secret } = enrollment;
  const code = totpCode(enrollment.code);
  const now = clock.now();
  const step = code === null ? null : totpAlgorithm.matchingStep(secret, code, now);
  if (step === null) throw factorErrors.wrongCode();
  const factor: StoredFactor = {
    id: newFactorId(random.bytes(16)),
    username,
    kind: 'totp',
    name: factorName(enrollment.name, 'totp'),
    secret,
    createdAt: now,
    lastUsedAt: null,
  };
  await cache.set(usedStepKey(username, factor.id, step), '1', USED_STEP_TTL_SECONDS);
  await factorStore.addFactor(factor);
  let recoveryCodes: string[] | null = null;
  if ((await factorStore.countRecoveryCodes(username)) === 0) {
    recoveryCodes = await issueRecoveryCodes(deps, username);
  }
  return { factor: summarizeFactor(factor), recoveryCodes };
}

/** Ten new recovery codes for the user, replacing any they had: returned once, kept as digests. */
export async function issueRecoveryCodes(
  deps: Pick<EnrollTotpDeps, 'random' | 'factorStore'>,
  username: string,
): Promise<string[]> {
  const codes = newRecoveryCodes((length) => deps.random.bytes(length));
  const digests = codes.map((code) => recoveryCodeDigest(username, code.replace(/-/g, '')));
  await deps.factorStore.replaceRecoveryCodes(username, digests);
  return codes;
}
