import { appMeterErrors } from '../../domain/app-meter/app-meter.errors.js';
import { meterWindow } from '../../domain/app-meter/meter-days.js';
import { noUsage, usageByApp, type AppUsage } from '../../domain/app-meter/app-report.js';
import type { LoginMeter, UserTally } from '../../domain/app-meter/login-meter.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { normalizeSsoHost } from '../../domain/sso-provider/sso-host.js';
import { appRegistrations, type AppRegistration, type AppRegistrationsDeps } from './app-registrations.js';

export interface ShowAppDeps extends AppRegistrationsDeps {
  loginMeter: LoginMeter;
  clock: Clock;
}

/** The users an app's page lists: those who arrived through dj-sso in the last 30 days, most logins first. */
export const USERS_SHOWN = 100;

/** One app: what is registered for it, a row per day for the last 30 days, and who still arrives through dj-sso. */
export type AppDetail = AppRegistration &
  AppUsage & {
    app: string;
    djSsoUsers: {
      /** How many users logged in through dj-sso in the window (named ones: see USERS_NAMED_PER_DAY). */
      total: number;
      /** The first USERS_SHOWN of them, most logins first, then by name. */
      items: UserTally[];
    };
  };

/** An app by its host; `app_meter.unknown_app` for a host with nothing registered and no login in the window. */
export class ShowApp {
  constructor(private readonly deps: ShowAppDeps) {}

  async execute(host: string): Promise<AppDetail> {
    const app = normalizeSsoHost(host);
    if (app === null) throw appMeterErrors.invalidApp(host);
    const window = meterWindow(this.deps.clock.now());
    const [registered, tallies, users] = await Promise.all([
      appRegistrations(this.deps),
      this.deps.loginMeter.tallies(window),
      this.deps.loginMeter.users(app, 'dj-sso', window),
    ]);
    const usage = usageByApp(
      window,
      tallies.filter((tally) => tally.app === app),
    ).get(app);
    const registration = registered.get(app);
    if (registration === undefined && usage === undefined) throw appMeterErrors.unknownApp(app);
    const ranked = [...users].sort((a, b) => b.logins - a.logins || (a.username < b.username ? -1 : 1));
    return {
      app,
      ...(registration ?? { ssoKeys: [], oidcClients: [] }),
      ...(usage ?? noUsage(window)),
      djSsoUsers: { total: users.length, items: ranked.slice(0, USERS_SHOWN) },
    };
  }
}
