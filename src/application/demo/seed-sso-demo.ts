import type { ApiCredential } from '../../domain/api-auth/api-credential.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.port.js';
import type { UserDirectory } from '../../domain/ports/user-directory.port.js';
import { SSO_ENTRY_POINTS } from '../sso-provider/sso-entry-points.js';
import { DEMO_SSO_HOST, DEMO_USERS } from './demo-data.js';

export interface SeedSsoDemoDeps {
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  passwordHasher: PasswordHasher;
  clock: Clock;
}

/**
 * Puts the SSO demo in place (never in production): the users admin, user1 and user2, and the
 * demo SSO host. Idempotent: what exists is left alone, changed passwords included.
 */
export class SeedSsoDemo {
  constructor(private readonly deps: SeedSsoDemoDeps) {}

  async execute(): Promise<void> {
    await Promise.all([this.seedHost(), ...DEMO_USERS.map((demo) => this.seedUser(demo))]);
  }

  private async seedHost(): Promise<void> {
    const { credentialStore, clock } = this.deps;
    if (await credentialStore.findByApiKey(DEMO_SSO_HOST.apiKey)) return;
    const now = clock.now();
    const credential: ApiCredential = {
      apiKey: DEMO_SSO_HOST.apiKey,
      secretKeys: [{ value: DEMO_SSO_HOST.secretKey, createdAt: now, expiresAt: null }],
      username: null,
      entryPoints: new Set(SSO_ENTRY_POINTS),
      note: DEMO_SSO_HOST.note,
      ssoHost: DEMO_SSO_HOST.host,
      createdAt: now,
      lastUsedAt: null,
      revoked: false,
    };
    await credentialStore.save(credential);
  }

  private async seedUser(demo: (typeof DEMO_USERS)[number]): Promise<void> {
    const { userDirectory, passwordHasher, clock } = this.deps;
    if (await userDirectory.findByUsername(demo.username)) return;
    await userDirectory.save({
      username: demo.username,
      passwordHash: await passwordHasher.hash(demo.password),
      email: demo.email,
      firstName: demo.firstName,
      lastName: demo.lastName,
      isStaff: demo.isStaff,
      isActive: true,
      dateJoined: clock.now(),
      lastLogin: null,
      attributes: { id: demo.id },
    });
  }
}
