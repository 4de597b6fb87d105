import type { Collection } from 'mongodb';
import { z } from 'zod';
import { SIGNING_ALGORITHMS, type SigningKey } from '../../domain/oidc/signing-key.js';
import type { SigningKeyStore } from '../../domain/oidc/signing-key-store.port.js';
import type { MongoConnection } from './mongo-connection.js';
import type { SecretCipher } from './secret-cipher.js';

export interface MongoSigningKeyStoreDeps {
  mongoConnection: MongoConnection;
  secretCipher: SecretCipher;
}

const KEYS = 'oidc_signing_keys';

/** A key at rest: its private JWK encrypted with SIGNET_MASTER_KEY, bound to its kid. */
const keyDocument = z.object({
  kid: z.string().min(1),
  alg: z.enum(SIGNING_ALGORITHMS),
  sealedJwk: z.string().min(1),
  createdAt: z.number(),
  // Keys stored before rotation existed signed from their creation.
  activatesAt: z.number().optional(),
});
type KeyDocument = z.infer<typeof keyDocument>;

/** The provider's signing keys in the `oidc_signing_keys` collection. */
export class MongoSigningKeyStore implements SigningKeyStore {
  constructor(private readonly deps: MongoSigningKeyStoreDeps) {}

  async list(): Promise<SigningKey[]> {
    const documents = await (await this.keys()).find({}, { projection: { _id: 0 } }).toArray();
    return documents.map((stored) => {
      const { sealedJwk, activatesAt, ...fields } = keyDocument.parse(stored);
      const privateJwk = this.deps.secretCipher.decrypt(sealedJwk, context(fields.kid));
      return { ...fields, activatesAt: activatesAt ?? fields.createdAt, privateJwk };
    });
  }

  async add(key: SigningKey): Promise<void> {
    const { privateJwk, ...fields } = key;
    const document: KeyDocument = { ...fields, sealedJwk: this.deps.secretCipher.encrypt(privateJwk, context(key.kid)) };
    await (await this.keys()).replaceOne({ kid: key.kid }, document, { upsert: true });
  }

  async remove(kid: string): Promise<boolean> {
    return (await (await this.keys()).deleteOne({ kid })).deletedCount > 0;
  }

  private async keys(): Promise<Collection<KeyDocument>> {
    await this.deps.mongoConnection.ensureIndexes(KEYS, [{ key: { kid: 1 }, unique: true }]);
    return this.deps.mongoConnection.db.collection<KeyDocument>(KEYS);
  }
}

function context(kid: string): string {
  return `oidc-signing-key:${kid}`;
}
