import type { Collection } from 'mongodb';
import type { UserDirectory } from '../../domain/ports/user-directory.port.js';
import type { User } from '../../domain/users/user.js';
import type { MongoConnection } from './mongo-connection.js';

export type MongoUserDirectoryDeps = {
  mongoConnection: MongoConnection;
};

const USERS = 'users';

/** A user at rest: the domain fields as they are, times in ms since the epoch. */
type UserDocument = { -readonly [Field in keyof User]: User[Field] };

const withoutId = { projection: { _id: 0 } } as const;

/** Users in the `users` collection, unique and case-sensitive by username. */
export class MongoUserDirectory implements UserDirectory {
  private readonly connection: MongoConnection;

  constructor(deps: MongoUserDirectoryDeps) {
    this.connection = deps.mongoConnection;
  }

  async findByUsername(username: string): Promise<User | null> {
    const document = await (await this.users()).findOne({ username }, withoutId);
    return document ? userFields(document) : null;
  }

  async list(): Promise<User[]> {
    const documents = await (await this.users()).find({}, withoutId).sort({ username: 1 }).toArray();
    return documents.map(userFields);
  }

  async save(user: User): Promise<void> {
    await (await this.users()).replaceOne({ username: user.username }, userFields(user), { upsert: true });
  }

  async recordLogin(username: string, at: number): Promise<void> {
    await (await this.users()).updateOne({ username }, { $set: { lastLogin: at } });
  }

  async ping(): Promise<void> {
    await this.connection.db.command({ ping: 1 });
  }

  private async users(): Promise<Collection<UserDocument>> {
    await this.connection.ensureIndexes(USERS, [{ key: { username: 1 }, unique: true }]);
    return this.connection.db.collection<UserDocument>(USERS);
  }
}

// Field by field both ways: nothing beyond User reaches the database or comes back from it.
function userFields(user: User): UserDocument {
  return {
    username: user.username,
    passwordHash: user.passwordHash,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    isStaff: user.isStaff,
    isActive: user.isActive,
    dateJoined: user.dateJoined,
    lastLogin: user.lastLogin,
    attributes: user.attributes,
  };
}
