import type { AppLogin, LoginProtocol } from '../../domain/app-meter/app-login.js';
import type { DayTally, LoginMeter, UserTally } from '../../domain/app-meter/login-meter.port.js';
import { METER_RETENTION_SECONDS, USERS_NAMED_PER_DAY, utcDay } from '../../domain/app-meter/meter-days.js';
import type { Clock } from '../../domain/shared/clock.port.js';

export interface MemoryLoginMeterDeps {
  clock: Clock;
}

interface Tally {
  readonly app: string;
  readonly protocol: LoginProtocol;
  logins: number;
  lastAt: number;
  /** Named users and their logins. */
  users: Map<string, number>;
}

interface Day {
  /** When the day's first login was counted: the day is forgotten METER_RETENTION_SECONDS after. */
  firstAt: number;
  /** By `app protocol`. */
  tallies: Map<string, Tally>;
}

/** The login meter of a single instance, in this process; days expire on the injected clock. */
export class MemoryLoginMeter implements LoginMeter {
  private readonly days = new Map<string, Day>();

  constructor(private readonly deps: MemoryLoginMeterDeps) {}

  async count(login: AppLogin): Promise<void> {
    this.forgetExpired();
    const dayName = utcDay(login.at);
    const day = this.days.get(dayName) ?? { firstAt: this.deps.clock.now(), tallies: new Map<string, Tally>() };
    this.days.set(dayName, day);
    const key = tallyKey(login.app, login.protocol);
    const tally = day.tallies.get(key) ?? {
      app: login.app,
      protocol: login.protocol,
      logins: 0,
      lastAt: login.at,
      users: new Map<string, number>(),
    };
    day.tallies.set(key, tally);
    tally.logins += 1;
    tally.lastAt = Math.max(tally.lastAt, login.at);
    const named = tally.users.get(login.username);
    if (named !== undefined || tally.users.size < USERS_NAMED_PER_DAY) tally.users.set(login.username, (named ?? 0) + 1);
  }

  async tallies(days: readonly string[]): Promise<DayTally[]> {
    this.forgetExpired();
    return [...new Set(days)].flatMap((day) =>
      [...(this.days.get(day)?.tallies.values() ?? [])].map(({ app, protocol, logins, lastAt }) => ({
        day,
        app,
        protocol,
        logins,
        lastAt,
      })),
    );
  }

  async users(app: string, protocol: LoginProtocol, days: readonly string[]): Promise<UserTally[]> {
    this.forgetExpired();
    const summed = new Map<string, UserTally>();
    for (const day of [...new Set(days)].sort()) {
      for (const [username, logins] of this.days.get(day)?.tallies.get(tallyKey(app, protocol))?.users ?? []) {
        summed.set(username, { username, logins: (summed.get(username)?.logins ?? 0) + logins, lastDay: day });
      }
    }
    return [...summed.values()];
  }

  private forgetExpired(): void {
    const now = this.deps.clock.now();
    for (const [name, day] of this.days) {
      if (now - day.firstAt >= METER_RETENTION_SECONDS * 1000) this.days.delete(name);
    }
  }
}

function tallyKey(app: string, protocol: LoginProtocol): string {
  return `${app} ${protocol}`;
}
