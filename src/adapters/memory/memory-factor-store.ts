import type { StoredFactor } from '../../domain/factors/factor.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';

/** Second factors and recovery-code digests in process memory, lost on restart: for tests, demos and a single instance. */
export class MemoryFactorStore implements FactorStore {
  private readonly factors = new Map<string, StoredFactor>();
  private readonly recoveryCodes = new Map<string, Set<string>>();

  async listFactors(username: string): Promise<StoredFactor[]> {
    return [...this.factors.values()]
      .filter((factor) => factor.username === username)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((factor) => ({ ...factor }));
  }

  async addFactor(factor: StoredFactor): Promise<void> {
    if (this.factors.has(factor.id)) throw new Error('a factor with this id exists already');
    this.factors.set(factor.id, { ...factor });
  }

  async removeFactor(username: string, id: string): Promise<boolean> {
    if (this.factors.get(id)?.username !== username) return false;
    return this.factors.delete(id);
  }

  async recordUse(username: string, id: string, at: number): Promise<void> {
    const factor = this.factors.get(id);
    if (factor?.username === username) this.factors.set(id, { ...factor, lastUsedAt: at });
  }

  async replaceRecoveryCodes(username: string, digests: readonly string[]): Promise<void> {
    this.recoveryCodes.set(username, new Set(digests));
  }

  async useRecoveryCode(username: string, digest: string): Promise<boolean> {
    return this.recoveryCodes.get(username)?.delete(digest) ?? false;
  }

  async countRecoveryCodes(username: string): Promise<number> {
    return this.recoveryCodes.get(username)?.size ?? 0;
  }

  async removeAll(username: string): Promise<number> {
    const mine = [...this.factors.values()].filter((factor) => factor.username === username);
    for (const factor of mine) this.factors.delete(factor.id);
    this.recoveryCodes.delete(username);
    return mine.length;
  }
}
