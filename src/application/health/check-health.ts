import { BackendUnavailableError } from '../../domain/backends/backend.errors.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';

export interface CheckHealthDeps {
  cache: Cache;
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  config: { cache: string; store: string };
}

export interface BackendHealth {
  adapter: string;
  status: 'up' | 'down';
  /**
   * Why it is down, in general terms: the report answers anyone, and a driver's reason names hosts
   * and ports. The detail is in the log, written when the backend went.
   */
  error?: 'unreachable' | 'no answer in time';
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  backends: Record<string, BackendHealth>;
}

/**
 * Pings every configured backend at once and reports each one's state. The ports answer within the
 * backend timeout (the adapters are guarded), so a frozen backend reads as down, not as a hang.
 */
export class CheckHealth {
  constructor(private readonly deps: CheckHealthDeps) {}

  async execute(): Promise<HealthReport> {
    const { cache, credentialStore, userDirectory, config } = this.deps;
    const [cacheHealth, storeHealth, usersHealth] = await Promise.all([
      probe(config.cache, () => cache.ping()),
      probe(config.store, () => credentialStore.ping()),
      probe(config.store, () => userDirectory.ping()),
    ]);
    const backends = { cache: cacheHealth, store: storeHealth, users: usersHealth };
    const up = Object.values(backends).every((backend) => backend.status === 'up');
    return { status: up ? 'ok' : 'unavailable', backends };
  }
}

async function probe(adapter: string, ping: () => Promise<void>): Promise<BackendHealth> {
  try {
    await ping();
    return { adapter, status: 'up' };
  } catch (error) {
    const late = error instanceof BackendUnavailableError && error.kind === 'timeout';
    return { adapter, status: 'down', error: late ? 'no answer in time' : 'unreachable' };
  }
}
