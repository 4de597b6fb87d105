import type { ListApps } from '../app-meter/list-apps.js';
import type { ShowApp } from '../app-meter/show-app.js';
import type { AddSsoHost } from '../sso-provider/add-sso-host.js';
import type { RecordAdminChange } from './record-admin-change.js';
import type { AllowEntryPoint } from '../credentials/allow-entry-point.js';
import type { CreateApiKey } from '../credentials/create-api-key.js';
import type { CreateUser } from './create-user.js';
import type { DisableApiKey } from '../credentials/disable-api-key.js';
import type { EnableApiKey } from '../credentials/enable-api-key.js';
import type { ListApiKeys } from '../credentials/list-api-keys.js';
import type { ListAuditEntries } from './list-audit-entries.js';
import type { ListAuthFailures } from './list-auth-failures.js';
import type { ListEntryPoints } from '../credentials/list-entry-points.js';
import type { ListSsoHosts } from '../sso-provider/list-sso-hosts.js';
import type { ListUsers } from './list-users.js';
import type { ReloadEntryPoints } from '../credentials/reload-entry-points.js';
import type { RemoveSsoHost } from '../sso-provider/remove-sso-host.js';
import type { RequireBindableUser } from './require-bindable-user.js';
import type { RevokeApiKey } from '../credentials/revoke-api-key.js';
import type { RotateApiKey } from '../credentials/rotate-api-key.js';
import type { SetUserFlags } from './set-user-flags.js';
import type { SetUserPassword } from './set-user-password.js';
import type { ShowReaderPolicy } from './show-reader-policy.js';
import type { TryReaderQuery } from './try-reader-query.js';
import type { ResetUserFactors } from '../factors/reset-user-factors.js';
import type { ShowApiKey } from '../credentials/show-api-key.js';
import type { UpdateApiKey } from '../credentials/update-api-key.js';

import type { OidcAdminUseCases } from './oidc-client-services.js';

type UseCase<T extends { execute: unknown }> = Pick<T, 'execute'>;

/** The use cases behind the admin operations: the credential and SSO ones as they are, and the admin's own. */
export interface AdminUseCases extends OidcAdminUseCases {
  createApiKey: UseCase<CreateApiKey>;
  listApiKeys: UseCase<ListApiKeys>;
  showApiKey: UseCase<ShowApiKey>;
  updateApiKey: UseCase<UpdateApiKey>;
  allowEntryPoint: UseCase<AllowEntryPoint>;
  disableApiKey: UseCase<DisableApiKey>;
  enableApiKey: UseCase<EnableApiKey>;
  revokeApiKey: UseCase<RevokeApiKey>;
  rotateApiKey: UseCase<RotateApiKey>;
  listEntryPoints: UseCase<ListEntryPoints>;
  reloadEntryPoints: UseCase<ReloadEntryPoints>;
  listSsoHosts: UseCase<ListSsoHosts>;
  addSsoHost: UseCase<AddSsoHost>;
  removeSsoHost: UseCase<RemoveSsoHost>;
  listUsers: UseCase<ListUsers>;
  createUser: UseCase<CreateUser>;
  setUserPassword: UseCase<SetUserPassword>;
  setUserFlags: UseCase<SetUserFlags>;
  resetUserFactors: UseCase<ResetUserFactors>;
  listAuditEntries: UseCase<ListAuditEntries>;
  listAuthFailures: UseCase<ListAuthFailures>;
  requireBindableUser: UseCase<RequireBindableUser>;
  recordAdminChange: UseCase<RecordAdminChange>;
  showReaderPolicy: UseCase<ShowReaderPolicy>;
  tryReaderQuery: UseCase<TryReaderQuery>;
  listApps: UseCase<ListApps>;
  showApp: UseCase<ShowApp>;
}
