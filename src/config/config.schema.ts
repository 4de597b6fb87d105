import { z } from 'zod';
import { adminShape, readAdmin, type AdminConfig } from './admin.settings.js';
import { apiAuthConflicts, apiAuthShape, readApiAuth, type ApiAuthConfig } from './api-auth.settings.js';
import { coreConflicts, coreRequirements, coreShape, readCore, type CoreConfig } from './core.settings.js';
import type { Conflict, Requirement } from './fields.js';
import { mfaShape, readMfa, type MfaConfig } from './mfa.settings.js';
import { oidcShape, readOidc, type OidcConfig } from './oidc.settings.js';
import { passkeysConflicts, passkeysShape, readPasskeys, type PasskeysConfig } from './passkeys.settings.js';
import { operationConflicts, operationShape, readOperation, type OperationConfig } from './operation.settings.js';
import { readReaderCompat, readerCompatShape, type ReaderCompatConfig } from './reader-compat.settings.js';
import { readReader, readerShape, type ReaderConfig } from './reader.settings.js';
import {
  readSsoProvider,
  ssoProviderConflicts,
  ssoProviderRequirements,
  ssoProviderShape,
  type SsoProviderConfig,
} from './sso-provider.settings.js';

export { cacheBackends, storeBackends, type CacheBackend, type StoreBackend } from './core.settings.js';
export { DEVELOPMENT_SESSION_SECRET } from './sso-provider.settings.js';

/**
 * Every environment variable Signet reads, with its default: one settings file per capability.
 * The tables of docs/configuration.md, docs/sso.md and docs/reader.md mirror these.
 */
export const configSchema = z.object({
  ...coreShape,
  ...apiAuthShape,
  ...ssoProviderShape,
  ...readerShape,
  ...readerCompatShape,
  ...adminShape,
  ...operationShape,
  ...oidcShape,
  ...passkeysShape,
  ...mfaShape,
});

/**
 * Variables that must be set when others have given values: checked on the raw environment next to
 * the schema, so that a missing variable is reported together with any malformed one.
 */
export const requirements: readonly Requirement[] = [...coreRequirements, ...ssoProviderRequirements];

export type RawConfig = z.infer<typeof configSchema>;

/** Values that parse one by one but cannot go together (several only in production). */
export const conflicts: readonly Conflict<RawConfig>[] = [
  ...coreConflicts,
  ...apiAuthConflicts,
  ...ssoProviderConflicts,
  ...operationConflicts,
  ...passkeysConflicts,
];

/** The validated configuration, in the names the code uses. */
export interface Config
  extends
    CoreConfig,
    SsoProviderConfig,
    ReaderConfig,
    ReaderCompatConfig,
    AdminConfig,
    OperationConfig,
    OidcConfig,
    PasskeysConfig,
    MfaConfig {
  apiAuth: ApiAuthConfig;
}

export function toConfig(raw: RawConfig): Config {
  return {
    ...readCore(raw),
    apiAuth: readApiAuth(raw),
    ...readSsoProvider(raw),
    ...readReader(raw),
    ...readReaderCompat(raw),
    ...readAdmin(raw),
    ...readOperation(raw),
    ...readOidc(raw),
    ...readPasskeys(raw),
    ...readMfa(raw),
  };
}
