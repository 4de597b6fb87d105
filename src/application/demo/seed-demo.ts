import { isAdminEntryPoint } from '../../domain/admin/entry-point-groups.js';
import { createCredential, withEntryPoints } from '../../domain/api-auth/credential-factory.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { SSO_ENTRY_POINTS } from '../sso-provider/sso-entry-points.js';
import { DEMO_ADMIN_KEY, DEMO_API_KEY, DEMO_OIDC_CLIENT, DEMO_SSO_HOST, DEMO_USERS } from './demo-data.js';

export interface SeedDemoDeps {
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  clock: Clock;
  random: RandomSource;
  oidcClientStore: OidcClientStore;
}

/**
 * Puts the demo in place: the demo API key, the users admin, user1 and user2, the demo SSO host, and
 * the demo OpenID client `demo-oidc`, the demo admin key (allowed every admin API entry point in the store: run it after the entry points
 * are loaded). Only ever run where the demo is wanted (a memory store, or SIGNET_DEMO=1; never in
 * production), since its keys and passwords are published. Idempotent: what exists is left alone,
 * changed passwords included, so a restart against a persistent store keeps any changes made since;
 * the admin key only gains admin entry points that appeared since.
 */
export class SeedDemo {
  constructor(private readonly deps: SeedDemoDeps) {}

  async execute(): Promise<void> {
    const adminEntryPoints = (await this.deps.credentialStore.listEntryPoints())
      .filter(isAdminEntryPoint)
      .map((entry) => entry.name);
    await Promise.all([
      this.seedKey({ ...DEMO_API_KEY, ssoHost: null, entryPoints: DEMO_API_KEY.entryPoints }),
      this.seedKey({ ...DEMO_SSO_HOST, ssoHost: DEMO_SSO_HOST.host, entryPoints: SSO_ENTRY_POINTS }),
      this.seedKey({ ...DEMO_ADMIN_KEY, ssoHost: null, entryPoints: adminEntryPoints }, { grantMissing: true }),
      ...DEMO_USERS.map((demo) => this.seedUser(demo)),
      this.seedOidcClient(),
    ]);
  }

  private async seedOidcClient(): Promise<void> {
    const { oidcClientStore, clock } = this.deps;
    if (await oidcClientStore.find(DEMO_OIDC_CLIENT.clientId)) return;
    await oidcClientStore.save({
      ...DEMO_OIDC_CLIENT,
      redirectUris: [...DEMO_OIDC_CLIENT.redirectUris],
      postLogoutRedirectUris: [...DEMO_OIDC_CLIENT.postLogoutRedirectUris],
      scopes: [...DEMO_OIDC_CLIENT.scopes],
      disabled: false,
      createdAt: clock.now(),
    });
  }

  private async seedKey(
    demo: {
      apiKey: string;
      secretKey: string;
      note: string;
      ssoHost: string | null;
      username?: string;
      entryPoints: readonly string[];
    },
    options: { grantMissing?: boolean } = {},
  ): Promise<void> {
    const { credentialStore, clock, random } = this.deps;
    const existing = await credentialStore.findByApiKey(demo.apiKey);
    if (!existing) {
      await credentialStore.save(createCredential(random, clock.now(), demo).credential);
      return;
    }
    const missing = demo.entryPoints.filter((name) => !existing.entryPoints.has(name));
    if (options.grantMissing && missing.length > 0 && !existing.revoked) {
      await credentialStore.save(withEntryPoints(existing, missing));
    }
  }

  private async seedUser(demo: (typeof DEMO_USERS)[number]): Promise<void> {
    const { userDirectory, clock } = this.deps;
    if (await userDirectory.findByUsername(demo.username)) return;
    await userDirectory.save({
      username: demo.username,
      passwordHash: demo.passwordHash,
      email: demo.email,
      firstName: demo.firstName,
      lastName: demo.lastName,
      isStaff: demo.isStaff,
      isSuperuser: demo.isSuperuser,
      isActive: true,
      groups: demo.groups,
      dateJoined: clock.now(),
      lastLogin: null,
      attributes: { id: demo.id },
    });
  }
}
