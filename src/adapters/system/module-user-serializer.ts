import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SerializedUser, UserSerializer } from '../../domain/ports/user-serializer.port.js';
import type { User } from '../../domain/users/user.js';

export interface ModuleUserSerializerDeps {
  config: { sso: { userSerializer: string | undefined } };
}

/** What an installation's serializer is given: the user without its password hash, which it cannot leak. */
export type SerializableUser = Omit<User, 'passwordHash'>;

/** An installation's function: what it returns is checked, since nothing types it. */
type SerializeFunction = (user: SerializableUser) => unknown;

/**
 * The installation's own serializer: SSO_USER_SERIALIZER names a module (a path, relative to the
 * working directory, or a package) whose default export is `(user) => object`, sync or async; the
 * user it gets has every field but the password hash.
 * It is loaded on first use; a module that cannot be loaded fails every SSO login with a logged error.
 */
export class ModuleUserSerializer implements UserSerializer {
  private readonly specifier: string;
  private loaded: Promise<SerializeFunction> | undefined;

  constructor(deps: ModuleUserSerializerDeps) {
    const specifier = deps.config.sso.userSerializer;
    if (!specifier) throw new Error('ModuleUserSerializer needs SSO_USER_SERIALIZER');
    this.specifier = specifier;
  }

  async serialize(user: User): Promise<SerializedUser> {
    const serialize = await this.load();
    const { passwordHash: _withheld, ...serializable } = user;
    const serialized = await serialize(serializable);
    if (typeof serialized !== 'object' || serialized === null || Array.isArray(serialized)) {
      throw new Error(`the serializer in ${this.specifier} must return an object`);
    }
    return Object.fromEntries(Object.entries(serialized));
  }

  private load(): Promise<SerializeFunction> {
    this.loaded ??= import(moduleUrl(this.specifier)).then((module: { default?: unknown }) => {
      if (typeof module.default !== 'function') {
        throw new Error(`SSO_USER_SERIALIZER: ${this.specifier} has no default export that is a function`);
      }
      return module.default as SerializeFunction;
    });
    this.loaded.catch(() => {
      this.loaded = undefined;
    });
    return this.loaded;
  }
}

function moduleUrl(specifier: string): string {
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  return isPath ? pathToFileURL(resolve(process.cwd(), specifier)).href : specifier;
}
