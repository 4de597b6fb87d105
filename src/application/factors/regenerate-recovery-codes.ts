import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import { factorErrors } from '../../domain/factors/factors.errors.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { issueRecoveryCodes } from './enroll-totp.js';

export interface RegenerateRecoveryCodesDeps {
  factorStore: FactorStore;
  random: RandomSource;
}

/** Ten new recovery codes for a user who has a factor, to be shown once; the old ones stop working. */
export class RegenerateRecoveryCodes {
  constructor(private readonly deps: RegenerateRecoveryCodesDeps) {}

  async execute(username: string): Promise<string[]> {
    if ((await this.deps.factorStore.listFactors(username)).length === 0) throw factorErrors.notFound();
    return issueRecoveryCodes(this.deps, username);
  }
}
