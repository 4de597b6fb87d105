import type { Cache } from '../../domain/backends/cache.port.js';
import type { StoredFactor } from '../../domain/factors/factor.js';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';
import { USED_STEP_TTL_SECONDS, usedStepKey } from '../../domain/factors/totp.js';

export interface AcceptTotpCodeDeps {
  cache: Cache;
  totpAlgorithm: TotpAlgorithm;
}

/**
 * The TOTP factor among `factors` that `code` is good for at `now`, marking its time step used in
 * the same atomic step that accepts it: of two requests (on any instances) with one code, one wins.
 * null when no factor accepts it, or only ones it was used with already.
 */
export async function acceptTotpCode(
  deps: AcceptTotpCodeDeps,
  username: string,
  factors: readonly StoredFactor[],
  code: string,
  now: number,
): Promise<StoredFactor | null> {
  for (const factor of factors) {
    if (factor.kind !== 'totp') continue;
    const step = deps.totpAlgorithm.matchingStep(factor.secret, code, now);
    if (step === null) continue;
    if (await deps.cache.setIfAbsent(usedStepKey(username, factor.id, step), '1', USED_STEP_TTL_SECONDS)) return factor;
  }
  return null;
}
