import type { AdminOperation, AdminOperationName, AdminServices } from '../../../application/admin/admin-operations.js';
import { checkMayGrant, type AdminAuthority } from '../../../domain/admin/grant-check.js';
import { adminApiRoutes } from './admin-api.table.js';

/** The admin API entry point that serves an operation: `POST /admin/api/users` for `createUser`. */
export function entryPointOfOperation(name: AdminOperationName): string {
  const route = adminApiRoutes[name];
  return `${route.method} ${route.path}`;
}

/**
 * The site's operations for a staff user who is not a superuser: a change (every operation the
 * admin API serves other than by GET) only when they hold its admin API entry point, as an admin key
 * of theirs would need to; otherwise `admin.not_held` naming it, before anything is read or changed.
 * Reads pass: the site shows every staff user the admin. `resetUserFactors` is not here: it is for
 * superusers alone, and its guard says so whatever the staff user holds.
 */
export function withinHeldOperations(services: AdminServices, authority: AdminAuthority): AdminServices {
  if (authority.kind === 'superuser') return services;
  const held = <Name extends AdminOperationName>(name: Name, inner: AdminOperation<Name>): AdminOperation<Name> =>
    requiring(entryPointOfOperation(name), inner, authority);
  return {
    ...services,
    createKey: held('createKey', services.createKey),
    updateKey: held('updateKey', services.updateKey),
    allowEntryPoint: held('allowEntryPoint', services.allowEntryPoint),
    disableKey: held('disableKey', services.disableKey),
    enableKey: held('enableKey', services.enableKey),
    revokeKey: held('revokeKey', services.revokeKey),
    rotateKey: held('rotateKey', services.rotateKey),
    reloadEntryPoints: held('reloadEntryPoints', services.reloadEntryPoints),
    addSsoHost: held('addSsoHost', services.addSsoHost),
    removeSsoHost: held('removeSsoHost', services.removeSsoHost),
    createUser: held('createUser', services.createUser),
    setPassword: held('setPassword', services.setPassword),
    setUserFlags: held('setUserFlags', services.setUserFlags),
    createOidcClient: held('createOidcClient', services.createOidcClient),
    updateOidcClient: held('updateOidcClient', services.updateOidcClient),
    disableOidcClient: held('disableOidcClient', services.disableOidcClient),
    enableOidcClient: held('enableOidcClient', services.enableOidcClient),
    rotateOidcClientSecret: held('rotateOidcClientSecret', services.rotateOidcClientSecret),
    removeOidcClient: held('removeOidcClient', services.removeOidcClient),
    rotateOidcKeys: held('rotateOidcKeys', services.rotateOidcKeys),
  };
}

function requiring<Name extends AdminOperationName>(
  entryPoint: string,
  inner: AdminOperation<Name>,
  authority: AdminAuthority,
): AdminOperation<Name> {
  return {
    execute: async (input) => {
      checkMayGrant(authority, [entryPoint]);
      return inner.execute(input);
    },
    executeUntyped: async (input) => {
      checkMayGrant(authority, [entryPoint]);
      return inner.executeUntyped(input);
    },
  };
}
