import { asClass, asFunction } from 'awilix';
import { cacheOidcStorage, type OidcStorage } from '../adapters/cache/cache-oidc-storage.js';
import { OidcProviderHost } from '../adapters/http/oidc/oidc-provider-host.js';
import { SignetSessionReader } from '../adapters/http/oidc/signet-session-reader.js';
import { NodeSigningKeyGenerator } from '../adapters/system/node-signing-key-generator.js';
import { FindOidcAccount } from '../application/oidc/find-oidc-account.js';
import { FindOidcClient } from '../application/oidc/find-oidc-client.js';
import { CreateOidcClient } from '../application/oidc/create-oidc-client.js';
import { DisableOidcClient } from '../application/oidc/disable-oidc-client.js';
import { EnableOidcClient } from '../application/oidc/enable-oidc-client.js';
import { ListOidcClients } from '../application/oidc/list-oidc-clients.js';
import { ListSigningKeys } from '../application/oidc/list-signing-keys.js';
import { RemoveOidcClient } from '../application/oidc/remove-oidc-client.js';
import { RotateOidcClientSecret } from '../application/oidc/rotate-oidc-client-secret.js';
import { RotateSigningKeys } from '../application/oidc/rotate-signing-keys.js';
import { ShowOidcClient } from '../application/oidc/show-oidc-client.js';
import { UpdateOidcClient } from '../application/oidc/update-oidc-client.js';
import { PrepareSigningKeys } from '../application/oidc/prepare-signing-keys.js';
import { RecordOidcLogin } from '../application/oidc/record-oidc-login.js';
import { RememberOidcSubject } from '../application/oidc/remember-oidc-subject.js';
import type { Config } from '../config/config.schema.js';
import type { SigningKeyGenerator } from '../domain/oidc/signing-key-store.port.js';
import type { Cache } from '../domain/backends/cache.port.js';
import type { Clock } from '../domain/shared/clock.port.js';
import type { Wiring } from './wiring.js';

/** The OpenID Connect provider under /oidc: its storage, its keys, its accounts and its host. */
export interface OidcCradle {
  signingKeyGenerator: SigningKeyGenerator;
  oidcStorage: OidcStorage;
  findOidcClient: FindOidcClient;
  findOidcAccount: FindOidcAccount;
  recordOidcLogin: RecordOidcLogin;
  rememberOidcSubject: RememberOidcSubject;
  prepareSigningKeys: PrepareSigningKeys;
  createOidcClient: CreateOidcClient;
  listOidcClients: ListOidcClients;
  showOidcClient: ShowOidcClient;
  updateOidcClient: UpdateOidcClient;
  disableOidcClient: DisableOidcClient;
  enableOidcClient: EnableOidcClient;
  rotateOidcClientSecret: RotateOidcClientSecret;
  removeOidcClient: RemoveOidcClient;
  listSigningKeys: ListSigningKeys;
  rotateSigningKeys: RotateSigningKeys;
  signetSessions: SignetSessionReader;
  oidcProviderHost: OidcProviderHost;
}

export function oidcWiring(): Wiring<OidcCradle> {
  return {
    signingKeyGenerator: asClass(NodeSigningKeyGenerator).singleton(),
    oidcStorage: asFunction(({ cache, clock, config }: { cache: Cache; clock: Clock; config: Config }) =>
      cacheOidcStorage(cache, clock, {
        revokedGrantTtlSeconds: config.oidc.grantTtlSeconds,
        defaultTtlSeconds: config.oidc.grantTtlSeconds,
      }),
    ).singleton(),
    findOidcClient: asClass(FindOidcClient).singleton(),
    findOidcAccount: asClass(FindOidcAccount).singleton(),
    recordOidcLogin: asClass(RecordOidcLogin).singleton(),
    rememberOidcSubject: asClass(RememberOidcSubject).singleton(),
    prepareSigningKeys: asClass(PrepareSigningKeys).singleton(),
    createOidcClient: asClass(CreateOidcClient).singleton(),
    listOidcClients: asClass(ListOidcClients).singleton(),
    showOidcClient: asClass(ShowOidcClient).singleton(),
    updateOidcClient: asClass(UpdateOidcClient).singleton(),
    disableOidcClient: asClass(DisableOidcClient).singleton(),
    enableOidcClient: asClass(EnableOidcClient).singleton(),
    rotateOidcClientSecret: asClass(RotateOidcClientSecret).singleton(),
    removeOidcClient: asClass(RemoveOidcClient).singleton(),
    listSigningKeys: asClass(ListSigningKeys).singleton(),
    rotateSigningKeys: asClass(RotateSigningKeys).singleton(),
    signetSessions: asClass(SignetSessionReader).singleton(),
    oidcProviderHost: asClass(OidcProviderHost).singleton(),
  };
}
