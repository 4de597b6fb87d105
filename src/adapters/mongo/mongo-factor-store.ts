import type { Collection } from 'mongodb';
import { z } from 'zod';
import { FACTOR_KINDS, type StoredFactor } from '../../domain/factors/factor.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import type { MongoConnection } from './mongo-connection.js';
import type { SecretCipher } from './secret-cipher.js';

export interface MongoFactorStoreDeps {
  mongoConnection: MongoConnection;
  secretCipher: SecretCipher;
}

const FACTORS = 'user_factors';
const RECOVERY_CODES = 'user_recovery_codes';

/** A factor at rest: its secret encrypted with SIGNET_MASTER_KEY, bound to its user and id. */
const factorDocument = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  kind: z.enum(FACTOR_KINDS),
  name: z.string(),
  sealedSecret: z.string().min(1),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});
type FactorDocument = z.infer<typeof factorDocument>;

/** A recovery code at rest: its digest only, one document each, so that using one is one atomic delete. */
interface RecoveryCodeDocument {
  username: string;
  digest: string;
}

const withoutId = { projection: { _id: 0 } } as const;

/** Second factors in `user_factors`, recovery-code digests in `user_recovery_codes`. */
export class MongoFactorStore implements FactorStore {
  constructor(private readonly deps: MongoFactorStoreDeps) {}

  async listFactors(username: string): Promise<StoredFactor[]> {
    const documents = await (await this.factors()).find({ username }, withoutId).sort({ createdAt: 1, id: 1 }).toArray();
    return documents.map((stored) => {
      const { sealedSecret, ...fields } = factorDocument.parse(stored);
      return { ...fields, secret: this.deps.secretCipher.decrypt(sealedSecret, context(fields.username, fields.id)) };
    });
  }

  async addFactor(factor: StoredFactor): Promise<void> {
    const { secret, ...fields } = factor;
    const document: FactorDocument = {
      ...fields,
      sealedSecret: this.deps.secretCipher.encrypt(secret, context(factor.username, factor.id)),
    };
    await (await this.factors()).insertOne(document);
  }

  async removeFactor(username: string, id: string): Promise<boolean> {
    const result = await (await this.factors()).deleteOne({ username, id });
    return result.deletedCount > 0;
  }

  async recordUse(username: string, id: string, at: number): Promise<void> {
    await (await this.factors()).updateOne({ username, id }, { $set: { lastUsedAt: at } });
  }

  async replaceRecoveryCodes(username: string, digests: readonly string[]): Promise<void> {
    const codes = await this.recoveryCodes();
    await codes.deleteMany({ username });
    if (digests.length > 0) await codes.insertMany(digests.map((digest) => ({ username, digest })));
  }

  async useRecoveryCode(username: string, digest: string): Promise<boolean> {
    const result = await (await this.recoveryCodes()).deleteOne({ username, digest });
    return result.deletedCount === 1;
  }

  async countRecoveryCodes(username: string): Promise<number> {
    return (await this.recoveryCodes()).countDocuments({ username });
  }

  async removeAll(username: string): Promise<number> {
    const [factors] = await Promise.all([
      (await this.factors()).deleteMany({ username }),
      (await this.recoveryCodes()).deleteMany({ username }),
    ]);
    return factors.deletedCount;
  }

  private async factors(): Promise<Collection<FactorDocument>> {
    await this.deps.mongoConnection.ensureIndexes(FACTORS, [
      { key: { id: 1 }, unique: true },
      { key: { username: 1, createdAt: 1 } },
    ]);
    return this.deps.mongoConnection.db.collection<FactorDocument>(FACTORS);
  }

  private async recoveryCodes(): Promise<Collection<RecoveryCodeDocument>> {
    await this.deps.mongoConnection.ensureIndexes(RECOVERY_CODES, [{ key: { username: 1, digest: 1 }, unique: true }]);
    return this.deps.mongoConnection.db.collection<RecoveryCodeDocument>(RECOVERY_CODES);
  }
}

function context(username: string, id: string): string {
  return `user-factor:${username}:${id}`;
}
