import type { Collection } from 'mongodb';
import { z } from 'zod';
import type { SsoUserStore } from '../../domain/sso-client/sso-user-store.port.js';
import { parseStoredUser, ssoUserKey, type SsoUser, type SsoUserId } from '../../domain/sso-client/sso-user.js';
import type { MongoConnection } from './mongo-connection.js';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';

export interface MongoSsoUserStoreDeps {
  mongoConnection: MongoConnection;
}

const SSO_USERS = 'sso_users';

/**
 * A user at rest: keyed on the provider's id as text, with the username alongside for whoever looks
 * at the collection, and the user as the provider sent it in JSON. JSON rather than a subdocument,
 * because a provider may send any attribute name, and names starting with `$` or holding a `.` are
 * refused or misread by MongoDB.
 */
const userDocument = z.object({ _id: z.string(), username: z.string(), user: z.string() });

type UserDocument = z.infer<typeof userDocument>;

/** An SSO app's users in the `sso_users` collection (dj-sso-client's database storage, SSO_USER_STORAGE=db). */
export class MongoSsoUserStore implements SsoUserStore {
  private readonly connection: MongoConnection;

  constructor(deps: MongoSsoUserStoreDeps) {
    this.connection = deps.mongoConnection;
  }

  async save(user: SsoUser): Promise<void> {
    const _id = ssoUserKey(user.id);
    const document: UserDocument = { _id, username: user.username, user: JSON.stringify(user) };
    await this.users().replaceOne({ _id }, document, { upsert: true });
  }

  async findById(id: SsoUserId): Promise<SsoUser | null> {
    const found = userDocument.safeParse(await this.users().findOne({ _id: ssoUserKey(id) }));
    if (!found.success) return null;
    try {
      return parseStoredUser(parseJsonOrUndefined(found.data.user));
    } catch {
      return null;
    }
  }

  async remove(id: SsoUserId): Promise<void> {
    await this.users().deleteOne({ _id: ssoUserKey(id) });
  }

  async ping(): Promise<void> {
    await this.connection.db.command({ ping: 1 });
  }

  private users(): Collection<UserDocument> {
    return this.connection.db.collection<UserDocument>(SSO_USERS);
  }
}
