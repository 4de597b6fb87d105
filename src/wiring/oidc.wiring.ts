import { asClass, asFunction } from 'awilix';
import { cacheOidcStorage, type OidcStorage } from '../adapters/cache/cache-oidc-storage.js';
import { OidcProviderHost } from '../adapters/http/oidc/oidc-provider-host.js';
import { SignetSessionReader } from '../adapters/http/oidc/signet-session-reader.js';
import { NodeSigningKeyGenerator } from '../adapters/system/node-signing-key-generator.js';
import { FindOidcAccount } from '../application/oidc/find-oidc-account.js';
import { FindOidcClient } from '../application/oidc/find-oidc-client.js';
import { ManageOidcClients } from '../application/oidc/manage-oidc-clients.js';
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
  manageOidcClients: ManageOidcClients;
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
    manageOidcClients: asClass(ManageOidcClients).singleton(),
    signetSessions: asClass(SignetSessionReader).singleton(),
    oidcProviderHost: asClass(OidcProviderHost).singleton(),
  };
}
