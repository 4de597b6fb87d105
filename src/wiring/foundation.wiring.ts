import { asClass, asFunction, asValue } from 'awilix';
import { Argon2idPasswordHasher } from '../adapters/system/argon2id-password-hasher.js';
import { CryptoRandomSource } from '../adapters/system/crypto-random-source.js';
import { ScryptPasswordHasher } from '../adapters/system/scrypt-password-hasher.js';
import { SystemClock } from '../adapters/system/system-clock.js';
import type { Config } from '../config/config.schema.js';
import type { Clock } from '../domain/shared/clock.port.js';
import type { Logger } from '../domain/shared/logger.port.js';
import type { PasswordHasher } from '../domain/users/password-hasher.port.js';
import type { RandomSource } from '../domain/shared/random-source.port.js';
import type { UserSerializer } from '../domain/users/user-serializer.port.js';
import type { Wiring } from './wiring.js';

/** What every capability may use: the configuration, the log, time, randomness, password hashing. */
export interface FoundationCradle {
  config: Config;
  logger: Logger;
  clock: Clock;
  random: RandomSource;
  passwordHasher: PasswordHasher;
  userSerializer: UserSerializer;
}

export interface FoundationParts {
  config: Config;
  logger: Logger;
  /** Loaded before the container is built, so that a bad SSO_USER_SERIALIZER stops the start. */
  userSerializer: UserSerializer;
}

export function foundationWiring(parts: FoundationParts): Wiring<FoundationCradle> {
  return {
    config: asValue(parts.config),
    logger: asValue(parts.logger),
    clock: asClass(SystemClock).singleton(),
    random: asClass(CryptoRandomSource).singleton(),
    passwordHasher: asFunction(({ config }: { config: Config }) =>
      config.passwordHash.algorithm === 'scrypt' ? new ScryptPasswordHasher({ config }) : new Argon2idPasswordHasher({ config }),
    ).singleton(),
    userSerializer: asValue(parts.userSerializer),
  };
}
