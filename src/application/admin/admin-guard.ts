import { AdminError, adminErrors } from '../../domain/admin/admin.errors.js';
import {
  checkMayBind,
  checkMayChangeUser,
  checkMayGiveFlags,
  checkMayGrant,
  checkMayManageKey,
  type AdminAuthority,
} from '../../domain/admin/grant-check.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { normalizeSsoHost } from '../../domain/sso-provider/sso-host.js';
import { SSO_ENTRY_POINTS } from '../sso-provider/sso-entry-points.js';
import {
  checkInput,
  type AdminOperation,
  type AdminOperationName,
  type AdminServices,
  type CheckedInput,
} from './admin-operations.js';
import type { ResolveAdminAuthority } from './resolve-admin-authority.js';

export interface AdminGuardDeps {
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  resolveAdminAuthority: Pick<ResolveAdminAuthority, 'standingOfKey' | 'standingOfUser'>;
}

/**
 * The grant check of one caller, asked before an admin change runs: nobody grants what they do not
 * hold. A target that does not exist passes, so that the operation itself answers 404.
 */
export class AdminGuard {
  constructor(
    private readonly deps: AdminGuardDeps,
    readonly authority: AdminAuthority,
  ) {}

  /** May the caller manage this key (change, rotate, enable, disable, revoke, sign as it)? */
  async checkKey(apiKey: string): Promise<void> {
    if (this.authority.kind === 'superuser') return;
    const credential = await this.deps.credentialStore.findByApiKey(apiKey);
    if (credential) checkMayManageKey(this.authority, await this.deps.resolveAdminAuthority.standingOfKey(credential));
  }

  /** Whether the caller may manage this key: `checkKey` as a yes or no, for what a page offers. */
  async mayManageKey(apiKey: string): Promise<boolean> {
    try {
      await this.checkKey(apiKey);
      return true;
    } catch (error) {
      if (error instanceof AdminError) return false;
      throw error;
    }
  }

  /** May the caller let a key hold these entry points? */
  checkGrant(entryPoints: Iterable<string>): void {
    checkMayGrant(this.authority, entryPoints);
  }

  /** May the caller bind a key to this user (null: to none)? */
  async checkBind(username: string | null | undefined): Promise<void> {
    if (this.authority.kind === 'superuser' || username === null || username === undefined) return;
    checkMayBind(this.authority, await this.deps.userDirectory.findByUsername(username));
  }

  /** May the caller change this user's password or flags? */
  async checkUser(username: string): Promise<void> {
    if (this.authority.kind === 'superuser') return;
    const user = await this.deps.userDirectory.findByUsername(username);
    if (user) checkMayChangeUser(this.authority, await this.deps.resolveAdminAuthority.standingOfUser(user));
  }

  /** May the caller give these flags to a new user? */
  checkNewUserFlags(flags: { isStaff?: boolean | undefined; isSuperuser?: boolean | undefined }): void {
    checkMayGiveFlags(this.authority, flags);
  }

  /** May the caller set these flags on an existing user? Only a flag the user lacks is given. */
  async checkUserFlags(flags: { username: string; isStaff?: boolean | undefined }): Promise<void> {
    if (this.authority.kind === 'superuser' || flags.isStaff !== true) return;
    const user = await this.deps.userDirectory.findByUsername(flags.username);
    if (user && !user.isStaff) checkMayGiveFlags(this.authority, { isStaff: true });
  }

  /** Is the caller a superuser? `what` completes "only a superuser may ...". */
  checkSuperuser(what: string): void {
    if (this.authority.kind !== 'superuser') throw adminErrors.superuserOnly(what);
  }

  /** May the caller remove this SSO host, revoking its keys? */
  async checkSsoHost(host: string): Promise<void> {
    if (this.authority.kind === 'superuser') return;
    const normalized = normalizeSsoHost(host);
    // Not a host at all: the operation itself says so (400).
    if (normalized === null) return;
    const keys = (await this.deps.credentialStore.listBySsoHost(normalized)).filter((key) => !key.revoked);
    for (const key of keys) await this.checkKey(key.apiKey);
  }
}

/**
 * The admin operations with the grant check before each change; reads pass as they are (no read
 * answers a SEC key). The input is checked first, so that a refused input gives the operation's own
 * `400` whoever asks.
 */
export function guardedAdminServices(services: AdminServices, guard: AdminGuard): AdminServices {
  if (guard.authority.kind === 'superuser') return services;
  return {
    ...services,
    createKey: guarded('createKey', services.createKey, async (input) => {
      guard.checkGrant(input.entryPoints ?? []);
      await guard.checkBind(input.username);
    }),
    updateKey: guarded('updateKey', services.updateKey, async (input) => {
      await guard.checkKey(input.apiKey);
      if (input.entryPoints !== undefined) guard.checkGrant(input.entryPoints);
      await guard.checkBind(input.username);
    }),
    allowEntryPoint: guarded('allowEntryPoint', services.allowEntryPoint, async (input) => {
      await guard.checkKey(input.apiKey);
      guard.checkGrant([input.entryPoint]);
    }),
    disableKey: guarded('disableKey', services.disableKey, (input) => guard.checkKey(input.apiKey)),
    enableKey: guarded('enableKey', services.enableKey, (input) => guard.checkKey(input.apiKey)),
    revokeKey: guarded('revokeKey', services.revokeKey, (input) => guard.checkKey(input.apiKey)),
    rotateKey: guarded('rotateKey', services.rotateKey, (input) => guard.checkKey(input.apiKey)),
    addSsoHost: guarded('addSsoHost', services.addSsoHost, async () => guard.checkGrant(SSO_ENTRY_POINTS)),
    removeSsoHost: guarded('removeSsoHost', services.removeSsoHost, (input) => guard.checkSsoHost(input.host)),
    createUser: guarded('createUser', services.createUser, async (input) => guard.checkNewUserFlags(input)),
    setPassword: guarded('setPassword', services.setPassword, (input) => guard.checkUser(input.username)),
    setUserFlags: guarded('setUserFlags', services.setUserFlags, async (input) => {
      await guard.checkUser(input.username);
      await guard.checkUserFlags(input);
    }),
    resetUserFactors: guarded('resetUserFactors', services.resetUserFactors, async () =>
      guard.checkSuperuser("reset a user's second factors"),
    ),
  };
}

function guarded<Name extends AdminOperationName>(
  name: Name,
  inner: AdminOperation<Name>,
  check: (input: CheckedInput<Name>) => Promise<void>,
): AdminOperation<Name> {
  const run = async (input: unknown) => {
    await check(checkInput(name, input));
    return inner.executeUntyped(input);
  };
  return { execute: run, executeUntyped: run };
}
