import { z } from 'zod';
import { adminShape, readAdmin, type AdminConfig } from './admin.settings.js';
import { apiAuthConflicts, apiAuthShape, readApiAuth, type ApiAuthConfig } from './api-auth.settings.js';
import { coreRequirements, coreShape, readCore, type CoreConfig } from './core.settings.js';
import type { Conflict, Requirement } from './fields.js';
import { readReader, readerShape, type ReaderConfig } from './reader.settings.js';
import { readSsoProvider, ssoProviderRequirements, ssoProviderShape, type SsoProviderConfig } from './sso-provider.settings.js';

export { cacheBackends, storeBackends, type CacheBackend, type StoreBackend } from './core.settings.js';
export { DEVELOPMENT_SESSION_SECRET } from './sso-provider.settings.js';

/**
 * Every environment variable Signet reads, with its default: one settings file per capability.
 * The README's tables mirror these.
 */
export const configSchema = z.object({ ...coreShape, ...apiAuthShape, ...ssoProviderShape, ...readerShape, ...adminShape });

/**
 * Variables that must be set when others have given values: checked on the raw environment next to
 * the schema, so that a missing variable is reported together with any malformed one.
 */
export const requirements: readonly Requirement[] = [...coreRequirements, ...ssoProviderRequirements];

/** Variables that must not be on together with others: checked on the raw environment, like the requirements. */
export const conflicts: readonly Conflict[] = [...apiAuthConflicts];

export type RawConfig = z.infer<typeof configSchema>;

/** The validated configuration, in the names the code uses. */
export interface Config extends CoreConfig, SsoProviderConfig, ReaderConfig, AdminConfig {
  apiAuth: ApiAuthConfig;
}

export function toConfig(raw: RawConfig): Config {
  return { ...readCore(raw), apiAuth: readApiAuth(raw), ...readSsoProvider(raw), ...readReader(raw), ...readAdmin(raw) };
}
