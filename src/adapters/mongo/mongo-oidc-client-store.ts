import type { Collection } from 'mongodb';
import { z } from 'zod';
import { OIDC_SCOPES, type OidcClient } from '../../domain/oidc/oidc-client.js';
import { SIGNING_ALGORITHMS } from '../../domain/oidc/signing-key.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import type { MongoConnection } from './mongo-connection.js';
import type { SecretCipher } from './secret-cipher.js';

export interface MongoOidcClientStoreDeps {
  mongoConnection: MongoConnection;
  secretCipher: SecretCipher;
}

const CLIENTS = 'oidc_clients';

/** A client at rest: its secret encrypted with SIGNET_MASTER_KEY, bound to its client id. */
const clientDocument = z.object({
  clientId: z.string().min(1),
  sealedSecret: z.string().nullable(),
  name: z.string(),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  scopes: z.array(z.enum(OIDC_SCOPES)),
  firstParty: z.boolean(),
  // Clients registered before the setting existed sign with the default.
  idTokenSignedResponseAlg: z.enum(SIGNING_ALGORITHMS).default('ES256'),
  disabled: z.boolean(),
  createdAt: z.number(),
});
type ClientDocument = z.infer<typeof clientDocument>;

const withoutId = { projection: { _id: 0 } } as const;

/** OpenID clients in the `oidc_clients` collection, one document per client id. */
export class MongoOidcClientStore implements OidcClientStore {
  constructor(private readonly deps: MongoOidcClientStoreDeps) {}

  async find(clientId: string): Promise<OidcClient | null> {
    const document = await (await this.clients()).findOne({ clientId }, withoutId);
    return document === null ? null : this.open(document);
  }

  async list(): Promise<OidcClient[]> {
    const documents = await (await this.clients()).find({}, withoutId).sort({ clientId: 1 }).toArray();
    return documents.map((document) => this.open(document));
  }

  async save(client: OidcClient): Promise<void> {
    const { secret, ...fields } = client;
    const document: ClientDocument = {
      ...fields,
      redirectUris: [...fields.redirectUris],
      postLogoutRedirectUris: [...fields.postLogoutRedirectUris],
      scopes: [...fields.scopes],
      sealedSecret: secret === null ? null : this.deps.secretCipher.encrypt(secret, context(client.clientId)),
    };
    await (await this.clients()).replaceOne({ clientId: client.clientId }, document, { upsert: true });
  }

  async remove(clientId: string): Promise<boolean> {
    const result = await (await this.clients()).deleteOne({ clientId });
    return result.deletedCount > 0;
  }

  private open(stored: unknown): OidcClient {
    const { sealedSecret, ...fields } = clientDocument.parse(stored);
    const secret = sealedSecret === null ? null : this.deps.secretCipher.decrypt(sealedSecret, context(fields.clientId));
    return { ...fields, secret };
  }

  private async clients(): Promise<Collection<ClientDocument>> {
    await this.deps.mongoConnection.ensureIndexes(CLIENTS, [{ key: { clientId: 1 }, unique: true }]);
    return this.deps.mongoConnection.db.collection<ClientDocument>(CLIENTS);
  }
}

function context(clientId: string): string {
  return `oidc-client:${clientId}`;
}
