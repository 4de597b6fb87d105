import type { LoginProtocol } from '../../domain/app-meter/app-login.js';
import type { LoginMeter } from '../../domain/app-meter/login-meter.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';

export interface RecordAppLoginDeps {
  loginMeter: LoginMeter;
  clock: Clock;
  logger: Logger;
}

/** While the meter keeps failing, one line a minute says how many logins went uncounted. */
const LOG_EVERY_MS = 60_000;

/**
 * Counts a login that ended in an app, for the migration meter. The meter must never fail or slow a
 * login: the login's path starts this without waiting for it, and this never rejects. A meter (or
 * a lookup of the app) that fails is logged, at most once a minute while it keeps failing, and the
 * login is left out of the counts.
 */
export class RecordAppLogin {
  private uncounted = 0;
  private loggedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: RecordAppLoginDeps) {}

  /** `findApp` names the app the login ended in; null (not an app: a key without an SSO host) counts nothing. */
  async execute(protocol: LoginProtocol, username: string, findApp: () => Promise<string | null>): Promise<void> {
    const at = this.deps.clock.now();
    try {
      const app = await findApp();
      if (app !== null) await this.deps.loginMeter.count({ app, protocol, username, at });
    } catch (error) {
      this.failed(error, at);
    }
  }

  private failed(error: unknown, now: number): void {
    this.uncounted += 1;
    if (now - this.loggedAt < LOG_EVERY_MS) return;
    this.deps.logger.warn('the migration meter could not count logins: they are left out of its counts', {
      logins: this.uncounted,
      reason: error instanceof Error ? error.message : String(error),
    });
    this.uncounted = 0;
    this.loggedAt = now;
  }
}
