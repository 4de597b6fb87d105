import { createContainer, InjectionMode, type AwilixContainer } from 'awilix';
import type { LoadedReaderPolicy } from './adapters/system/reader-policy-loader.js';
import type { Config } from './config/config.schema.js';
import type { Logger } from './domain/shared/logger.port.js';
import type { UserSerializer } from './domain/users/user-serializer.port.js';
import { adminWiring, type AdminCradle } from './wiring/admin.wiring.js';
import { apiAuthWiring, type ApiAuthCradle } from './wiring/api-auth.wiring.js';
import { appMeterWiring, type AppMeterCradle } from './wiring/app-meter.wiring.js';
import { backendsWiring, type BackendsCradle } from './wiring/backends.wiring.js';
import { factorsWiring, type FactorsCradle } from './wiring/factors.wiring.js';
import { foundationWiring, type FoundationCradle } from './wiring/foundation.wiring.js';
import { oidcWiring, type OidcCradle } from './wiring/oidc.wiring.js';
import { operationsWiring, type OperationsCradle } from './wiring/operations.wiring.js';
import { passkeysWiring, type PasskeysCradle } from './wiring/passkeys.wiring.js';
import { readerWiring, type ReaderCradle } from './wiring/reader.wiring.js';
import { ssoProviderWiring, type SsoProviderCradle } from './wiring/sso-provider.wiring.js';
import { usersWiring, type UsersCradle } from './wiring/users.wiring.js';

/** Everything the container can resolve: one part per capability, each wired in its own file. */
export type Cradle = FoundationCradle &
  BackendsCradle &
  ApiAuthCradle &
  UsersCradle &
  SsoProviderCradle &
  OperationsCradle &
  ReaderCradle &
  AdminCradle &
  OidcCradle &
  AppMeterCradle &
  PasskeysCradle &
  FactorsCradle;

export type SignetContainer = AwilixContainer<Cradle>;

export interface ContainerParts {
  config: Config;
  logger: Logger;
  userSerializer: UserSerializer;
  /** Loaded before the container is built, so that a bad READER_POLICY or READER_POLICY_MODULE stops the start. */
  readerPolicy: LoadedReaderPolicy;
}

/** The one place that names concrete adapters (through the wiring files): picks them from config and wires the use cases. */
export function buildContainer(parts: ContainerParts): SignetContainer {
  const container = createContainer<Cradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register({
    ...foundationWiring(parts),
    ...backendsWiring(parts.config, parts.logger),
    ...apiAuthWiring(),
    ...usersWiring(),
    ...ssoProviderWiring(),
    ...operationsWiring(),
    ...readerWiring(parts),
    ...adminWiring(),
    ...oidcWiring(),
    ...appMeterWiring(),
    ...passkeysWiring(),
    ...factorsWiring(),
  });
  return container;
}
