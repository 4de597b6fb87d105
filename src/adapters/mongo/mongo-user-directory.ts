import type { Collection } from 'mongodb';
import { z } from 'zod';
import type { UserChanges, UserDirectory, UserPageQuery } from '../../domain/users/user-directory.port.js';
import type { Page } from '../../domain/shared/page.js';
import { afterFilter, containsFilter } from './mongo-page-filters.js';
import type { User } from '../../domain/users/user.js';
import { BOOKKEEPING_WRITE, type MongoConnection } from './mongo-connection.js';

export interface MongoUserDirectoryDeps {
  mongoConnection: MongoConnection;
}

const USERS = 'users';

/**
 * A user at rest: the domain fields as they are, times in ms since the epoch. Read back through this
 * schema, so a document written by hand or by an older Signet (before `isSuperuser` and `groups`)
 * reads as a user with the defaults rather than as something it is not.
 */
const userDocument = z.object({
  username: z.string(),
  passwordHash: z.string(),
  email: z.string().default(''),
  firstName: z.string().default(''),
  lastName: z.string().default(''),
  isStaff: z.boolean().default(false),
  isSuperuser: z.boolean().default(false),
  isActive: z.boolean().default(true),
  groups: z.array(z.string()).default([]),
  dateJoined: z.number(),
  lastLogin: z.number().nullable().default(null),
  attributes: z.record(z.string(), z.unknown()).default({}),
});

type UserDocument = z.input<typeof userDocument>;

const withoutId = { projection: { _id: 0 } } as const;

/** Users in the `users` collection, unique and case-sensitive by username. */
export class MongoUserDirectory implements UserDirectory {
  private readonly connection: MongoConnection;

  constructor(deps: MongoUserDirectoryDeps) {
    this.connection = deps.mongoConnection;
  }

  async findByUsername(username: string): Promise<User | null> {
    const document = await (await this.users()).findOne({ username }, { ...withoutId, ...this.connection.inSession() });
    return document ? userDocument.parse(document) : null;
  }

  async list(): Promise<User[]> {
    const documents = await (
      await this.users()
    )
      .find({}, { ...withoutId, ...this.connection.inSession() })
      .sort({ username: 1 })
      .toArray();
    return documents.map((document) => userDocument.parse(document));
  }

  async listPage(query: UserPageQuery): Promise<Page<User>> {
    const users = await this.users();
    const where = query.search === null ? {} : containsFilter(['username', 'email'], query.search);
    const page = query.after === null ? where : { $and: [where, afterFilter([['username', query.after]])] };
    const [documents, total] = await Promise.all([
      users
        .find(page, { ...withoutId, ...this.connection.inSession() })
        .sort({ username: 1 })
        .limit(query.limit + 1)
        .toArray(),
      query.search === null ? users.estimatedDocumentCount() : users.countDocuments(where, this.connection.inSession()),
    ]);
    const items = documents.slice(0, query.limit).map((document) => userDocument.parse(document));
    return { items, total, next: documents.length > query.limit ? (items.at(-1)?.username ?? null) : null };
  }

  async save(user: User): Promise<void> {
    await (
      await this.users()
    ).replaceOne({ username: user.username }, toDocument(user), {
      upsert: true,
      ...this.connection.inSession(),
    });
  }

  async update(username: string, changes: UserChanges, ifPasswordHash?: string): Promise<User | null> {
    const set: Partial<UserDocument> = {};
    if (changes.passwordHash !== undefined) set.passwordHash = changes.passwordHash;
    if (changes.isStaff !== undefined) set.isStaff = changes.isStaff;
    if (changes.isActive !== undefined) set.isActive = changes.isActive;
    const filter = ifPasswordHash === undefined ? { username } : { username, passwordHash: ifPasswordHash };
    const users = await this.users();
    const options = { ...withoutId, ...this.connection.inSession() };
    const document =
      Object.keys(set).length === 0
        ? await users.findOne(filter, options)
        : await users.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after', ...options });
    return document ? userDocument.parse(document) : null;
  }

  async recordLogin(username: string, at: number): Promise<void> {
    await (await this.users()).updateOne({ username }, { $set: { lastLogin: at } }, BOOKKEEPING_WRITE);
  }

  async ping(): Promise<void> {
    await this.connection.db.command({ ping: 1 });
  }

  private async users(): Promise<Collection<UserDocument>> {
    await this.connection.ensureIndexes(USERS, [{ key: { username: 1 }, unique: true }]);
    return this.connection.db.collection<UserDocument>(USERS);
  }
}

// Field by field: nothing beyond User reaches the database.
function toDocument(user: User): UserDocument {
  return {
    username: user.username,
    passwordHash: user.passwordHash,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    isStaff: user.isStaff,
    isSuperuser: user.isSuperuser,
    isActive: user.isActive,
    groups: [...user.groups],
    dateJoined: user.dateJoined,
    lastLogin: user.lastLogin,
    attributes: user.attributes,
  };
}
