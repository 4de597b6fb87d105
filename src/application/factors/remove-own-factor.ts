import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import { factorErrors } from '../../domain/factors/factors.errors.js';

export interface RemoveOwnFactorDeps {
  factorStore: FactorStore;
}

/**
 * Removes one of the user's factors; with the last one go the recovery codes, which stand in for a
 * factor and would otherwise be a way in once no factor is asked for.
 */
export class RemoveOwnFactor {
  constructor(private readonly deps: RemoveOwnFactorDeps) {}

  async execute(username: string, id: string): Promise<void> {
    const { factorStore } = this.deps;
    if (!(await factorStore.removeFactor(username, id))) throw factorErrors.notFound();
    if ((await factorStore.listFactors(username)).length === 0) await factorStore.replaceRecoveryCodes(username, []);
  }
}
