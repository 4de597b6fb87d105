import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { FactorKind } from '../../domain/factors/factor.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import { livePendingStep, pendingSecondsLeft, pendingStepKey, type PendingStep } from '../../domain/factors/second-step.js';
import type { TotpAlgorithm } from '../../domain/factors/totp.port.js';
import { TOTP_ISSUER } from '../../domain/factors/totp.js';

export interface ShowSecondStepDeps {
  cache: Cache;
  clock: Clock;
  factorStore: FactorStore;
  passkeyStore: PasskeyStore;
  totpAlgorithm: TotpAlgorithm;
}

/** What the second step's page shows. */
export interface SecondStepView {
  stage: PendingStep['stage'];
  username: string;
  secondsLeft: number;
  /** The kinds of factor the user has: the page offers a way in for each. */
  factorKinds: readonly FactorKind[];
  /** The user has a passkey: the page offers it too. */
  passkey: boolean;
  /** While enrolling: the secret (shown as text) and the URI its QR code holds. */
  enrollment: { secret: string; uri: string } | null;
}

/** The half-login of this browser for this login, as its page shows it; null when there is none (expired, used). */
export class ShowSecondStep {
  constructor(private readonly deps: ShowSecondStepDeps) {}

  async execute(id: string | undefined, purpose: string): Promise<SecondStepView | null> {
    const { cache, clock, factorStore, passkeyStore, totpAlgorithm } = this.deps;
    if (id === undefined) return null;
    const now = clock.now();
    const pending = livePendingStep(await cache.get(pendingStepKey(id)), purpose, now);
    if (pending === null) return null;
    const [factors, passkeys] =
      pending.stage === 'factor'
        ? await Promise.all([factorStore.listFactors(pending.username), passkeyStore.listFor(pending.username)])
        : [[], []];
    const secret = pending.stage === 'enroll' ? pending.proposedSecret : null;
    return {
      stage: pending.stage,
      username: pending.username,
      secondsLeft: pendingSecondsLeft(pending, now),
      factorKinds: [...new Set(factors.map((factor) => factor.kind))],
      passkey: passkeys.length > 0,
      enrollment: secret === null ? null : { secret, uri: totpAlgorithm.provisioningUri(secret, pending.username, TOTP_ISSUER) },
    };
  }
}
