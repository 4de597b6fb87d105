import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SerializedUser, UserSerializer } from '../../domain/users/user-serializer.port.js';
import type { User } from '../../domain/users/user.js';

/** What an installation's serializer is given: the user without its password hash, which it cannot leak. */
export type SerializableUser = Omit<User, 'passwordHash'>;

/** An installation's function: what it returns is checked, since nothing types it. */
type SerializeFunction = (user: SerializableUser) => unknown;

/**
 * The installation's own serializer (dj-sso-server's SSO_SERVER_USER_TO_JSON_FUNC): SSO_USER_SERIALIZER
 * names a module (a path, relative to the working directory, or a package) whose default export is
 * `(user) => object`, sync or async. It is loaded at start, so that a bad path or export stops Signet
 * with a clear line instead of failing the first login.
 */
export async function loadModuleUserSerializer(specifier: string): Promise<UserSerializer> {
  let module: unknown;
  try {
    module = await import(moduleUrl(specifier));
  } catch (error) {
    throw new Error(
      `SSO_USER_SERIALIZER: ${specifier} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  const serialize: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'default') : undefined;
  if (typeof serialize !== 'function') {
    throw new Error(`SSO_USER_SERIALIZER: ${specifier} has no default export that is a function`);
  }
  return new ModuleUserSerializer(specifier, (user) => Reflect.apply(serialize, undefined, [user]));
}

class ModuleUserSerializer implements UserSerializer {
  constructor(
    private readonly specifier: string,
    private readonly serializeFunction: SerializeFunction,
  ) {}

  async serialize(user: User): Promise<SerializedUser> {
    const { passwordHash: _withheld, ...serializable } = user;
    const serialized = await this.serializeFunction(serializable);
    if (typeof serialized !== 'object' || serialized === null || Array.isArray(serialized)) {
      throw new Error(`the serializer in ${this.specifier} must return an object`);
    }
    return Object.fromEntries(Object.entries(serialized));
  }
}

function moduleUrl(specifier: string): string {
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  return isPath ? pathToFileURL(resolve(process.cwd(), specifier)).href : specifier;
}
