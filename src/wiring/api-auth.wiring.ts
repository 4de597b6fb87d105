import { asClass } from 'awilix';
import { AuthenticateApiRequest } from '../application/api-auth/authenticate-api-request.js';
import { AllowEntryPoint } from '../application/credentials/allow-entry-point.js';
import { CreateApiKey } from '../application/credentials/create-api-key.js';
import { DisableApiKey } from '../application/credentials/disable-api-key.js';
import { EnableApiKey } from '../application/credentials/enable-api-key.js';
import { ListApiKeys } from '../application/credentials/list-api-keys.js';
import { ListEntryPoints } from '../application/credentials/list-entry-points.js';
import { ReloadEntryPoints } from '../application/credentials/reload-entry-points.js';
import { RevokeApiKey } from '../application/credentials/revoke-api-key.js';
import { RotateApiKey } from '../application/credentials/rotate-api-key.js';
import { ShowApiKey } from '../application/credentials/show-api-key.js';
import { UpdateApiKey } from '../application/credentials/update-api-key.js';
import type { Wiring } from './wiring.js';

/** Signed API access: verifying requests, and the key lifecycle. */
export interface ApiAuthCradle {
  authenticateApiRequest: AuthenticateApiRequest;
  createApiKey: CreateApiKey;
  listApiKeys: ListApiKeys;
  showApiKey: ShowApiKey;
  updateApiKey: UpdateApiKey;
  disableApiKey: DisableApiKey;
  enableApiKey: EnableApiKey;
  listEntryPoints: ListEntryPoints;
  allowEntryPoint: AllowEntryPoint;
  revokeApiKey: RevokeApiKey;
  rotateApiKey: RotateApiKey;
  reloadEntryPoints: ReloadEntryPoints;
}

export function apiAuthWiring(): Wiring<ApiAuthCradle> {
  return {
    authenticateApiRequest: asClass(AuthenticateApiRequest).singleton(),
    createApiKey: asClass(CreateApiKey).singleton(),
    listApiKeys: asClass(ListApiKeys).singleton(),
    showApiKey: asClass(ShowApiKey).singleton(),
    updateApiKey: asClass(UpdateApiKey).singleton(),
    disableApiKey: asClass(DisableApiKey).singleton(),
    enableApiKey: asClass(EnableApiKey).singleton(),
    listEntryPoints: asClass(ListEntryPoints).singleton(),
    allowEntryPoint: asClass(AllowEntryPoint).singleton(),
    revokeApiKey: asClass(RevokeApiKey).singleton(),
    rotateApiKey: asClass(RotateApiKey).singleton(),
    reloadEntryPoints: asClass(ReloadEntryPoints).singleton(),
  };
}
