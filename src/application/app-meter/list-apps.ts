import { meterWindow } from '../../domain/app-meter/meter-days.js';
import { noUsage, usageByApp, type AppUsage } from '../../domain/app-meter/app-report.js';
import type { LoginMeter } from '../../domain/app-meter/login-meter.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import { containsText, PAGE_LIMIT_DEFAULT, type Page } from '../../domain/shared/page.js';
import { searchText } from '../credentials/list-api-keys.js';
import { appRegistrations, type AppRegistration, type AppRegistrationsDeps } from './app-registrations.js';

export interface ListAppsDeps extends AppRegistrationsDeps {
  loginMeter: LoginMeter;
  clock: Clock;
}

/** An app in the list: what is registered for it, and its logins over the last 30 days (without the daily rows). */
export type AppSummary = AppRegistration & { app: string } & Omit<AppUsage, 'days'>;

export interface AppQuery {
  limit?: number | undefined;
  /** The `next` of the page before: the host the page before ended with. */
  cursor?: string | undefined;
  /** Only the apps whose host, SSO key, or OpenID client id or name contain this text, letter case aside. */
  q?: string | undefined;
}

/**
 * A page of apps, sorted by host: every registered app (an SSO key's host, an OpenID client's
 * redirect host), and every host with a login in the last 30 days though nothing is registered for
 * it any more (a removed SSO host), each with its logins by protocol over those days.
 */
export class ListApps {
  constructor(private readonly deps: ListAppsDeps) {}

  async execute(query: AppQuery = {}): Promise<Page<AppSummary>> {
    const window = meterWindow(this.deps.clock.now());
    const [registered, tallies] = await Promise.all([appRegistrations(this.deps), this.deps.loginMeter.tallies(window)]);
    const usage = usageByApp(window, tallies);
    const search = searchText(query.q);
    const hosts = [...new Set([...registered.keys(), ...usage.keys()])].sort();
    const all = hosts
      .map((app): AppSummary => {
        const { days: _days, ...summary } = usage.get(app) ?? noUsage(window);
        return { app, ...(registered.get(app) ?? { ssoKeys: [], oidcClients: [] }), ...summary };
      })
      .filter((app) => search === null || matches(app, search));
    const after = query.cursor;
    const rest = after === undefined ? all : all.filter((app) => app.app > after);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const items = rest.slice(0, limit);
    return { items, total: all.length, next: rest.length > limit ? (items.at(-1)?.app ?? null) : null };
  }
}

function matches(app: AppSummary, search: string): boolean {
  return [app.app, ...app.ssoKeys, ...app.oidcClients.flatMap((client) => [client.clientId, client.name])].some((text) =>
    containsText(text, search),
  );
}
