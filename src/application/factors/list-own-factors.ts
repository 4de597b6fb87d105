import { summarizeFactor, type FactorSummary } from '../../domain/factors/factor.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';

export interface ListOwnFactorsDeps {
  factorStore: FactorStore;
}

export interface OwnFactors {
  factors: FactorSummary[];
  recoveryCodesLeft: number;
}

/** A user's second factors (never their secrets) and how many recovery codes they have left. */
export class ListOwnFactors {
  constructor(private readonly deps: ListOwnFactorsDeps) {}

  async execute(username: string): Promise<OwnFactors> {
    const { factorStore } = this.deps;
    const [factors, recoveryCodesLeft] = await Promise.all([
      factorStore.listFactors(username),
      factorStore.countRecoveryCodes(username),
    ]);
    return { factors: factors.map(summarizeFactor), recoveryCodesLeft };
  }
}
