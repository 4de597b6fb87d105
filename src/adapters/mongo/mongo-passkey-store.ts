import type { Collection } from 'mongodb';
import { z } from 'zod';
import type { Passkey } from '../../domain/passkeys/passkey.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import type { MongoConnection } from './mongo-connection.js';

export interface MongoPasskeyStoreDeps {
  mongoConnection: MongoConnection;
}

const PASSKEYS = 'passkeys';

/** A passkey at rest: the domain fields as they are (a public key is no secret), times in ms since the epoch. */
const passkeyDocument = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  userHandle: z.string().min(1),
  publicKey: z.string().min(1),
  counter: z.number().int().min(0),
  transports: z.array(z.string()),
  name: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});
type PasskeyDocument = z.infer<typeof passkeyDocument>;

const withoutId = { projection: { _id: 0 } } as const;

/** Passkeys in the `passkeys` collection: unique by credential id, listed by username. */
export class MongoPasskeyStore implements PasskeyStore {
  private readonly connection: MongoConnection;

  constructor(deps: MongoPasskeyStoreDeps) {
    this.connection = deps.mongoConnection;
  }

  async find(id: string): Promise<Passkey | null> {
    const document = await (await this.passkeys()).findOne({ id }, { ...withoutId, ...this.connection.inSession() });
    return document === null ? null : passkeyDocument.parse(document);
  }

  async listFor(username: string): Promise<Passkey[]> {
    const documents = await (
      await this.passkeys()
    )
      .find({ username }, { ...withoutId, ...this.connection.inSession() })
      .sort({ createdAt: 1, id: 1 })
      .toArray();
    return documents.map((document) => passkeyDocument.parse(document));
  }

  async add(passkey: Passkey): Promise<boolean> {
    // An upsert that only inserts: a credential id registered already stays as it is, and says so.
    const result = await (
      await this.passkeys()
    ).updateOne({ id: passkey.id }, { $setOnInsert: toDocument(passkey) }, { upsert: true, ...this.connection.inSession() });
    return result.upsertedCount === 1;
  }

  async recordUse(id: string, use: { counter: number; at: number }, seenCounter: number): Promise<boolean> {
    const result = await (
      await this.passkeys()
    ).updateOne(
      { id, counter: seenCounter },
      { $set: { counter: use.counter, lastUsedAt: use.at } },
      this.connection.inSession(),
    );
    return result.matchedCount === 1;
  }

  async rename(username: string, id: string, name: string): Promise<boolean> {
    const result = await (await this.passkeys()).updateOne({ id, username }, { $set: { name } }, this.connection.inSession());
    return result.matchedCount === 1;
  }

  async remove(username: string, id: string): Promise<boolean> {
    const result = await (await this.passkeys()).deleteOne({ id, username }, this.connection.inSession());
    return result.deletedCount === 1;
  }

  async removeAllFor(username: string): Promise<number> {
    const result = await (await this.passkeys()).deleteMany({ username }, this.connection.inSession());
    return result.deletedCount;
  }

  private async passkeys(): Promise<Collection<PasskeyDocument>> {
    await this.connection.ensureIndexes(PASSKEYS, [{ key: { id: 1 }, unique: true }, { key: { username: 1, createdAt: 1 } }]);
    return this.connection.db.collection<PasskeyDocument>(PASSKEYS);
  }
}

// Field by field: nothing beyond Passkey reaches the database.
function toDocument(passkey: Passkey): PasskeyDocument {
  return {
    id: passkey.id,
    username: passkey.username,
    userHandle: passkey.userHandle,
    publicKey: passkey.publicKey,
    counter: passkey.counter,
    transports: [...passkey.transports],
    name: passkey.name,
    createdAt: passkey.createdAt,
    lastUsedAt: passkey.lastUsedAt,
  };
}
