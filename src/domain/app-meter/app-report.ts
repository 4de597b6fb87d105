import { LOGIN_PROTOCOLS, type LoginProtocol } from './app-login.js';
import type { DayTally } from './login-meter.port.js';

/** A count, or a time, for each protocol. */
export type PerProtocol<T> = Record<LoginProtocol, T>;

/** Where an app stands in its move from dj-sso to OpenID Connect, by its logins in the window. */
export type MigrationStage = 'dj-sso only' | 'both' | 'oidc only' | 'no logins';

/** One day's row of an app's table. */
export interface AppDay {
  readonly day: string;
  readonly logins: PerProtocol<number>;
}

/** What the meter says of one app over the window. */
export interface AppUsage {
  readonly logins: PerProtocol<number>;
  /** The last login through each protocol within the window, ms since the epoch; null for none. */
  readonly lastLogin: PerProtocol<number | null>;
  readonly stage: MigrationStage;
  /** A row per day of the window, in its order (today first), days without a login included. */
  readonly days: AppDay[];
}

const zeroes = (): PerProtocol<number> => ({ 'dj-sso': 0, oidc: 0 });

/** The usage of each app that has a tally, over `window` (the days, today first). */
export function usageByApp(window: readonly string[], tallies: readonly DayTally[]): Map<string, AppUsage> {
  const byApp = new Map<string, DayTally[]>();
  for (const tally of tallies) byApp.set(tally.app, [...(byApp.get(tally.app) ?? []), tally]);
  return new Map([...byApp].map(([app, own]) => [app, usageOf(window, own)]));
}

/** The usage shown for an app without a login in the window. */
export function noUsage(window: readonly string[]): AppUsage {
  return usageOf(window, []);
}

function usageOf(window: readonly string[], tallies: readonly DayTally[]): AppUsage {
  const logins = zeroes();
  const lastLogin: PerProtocol<number | null> = { 'dj-sso': null, oidc: null };
  const perDay = new Map(window.map((day) => [day, zeroes()]));
  for (const tally of tallies) {
    const row = perDay.get(tally.day);
    if (row === undefined) continue;
    row[tally.protocol] += tally.logins;
    logins[tally.protocol] += tally.logins;
    lastLogin[tally.protocol] = Math.max(lastLogin[tally.protocol] ?? tally.lastAt, tally.lastAt);
  }
  return {
    logins,
    lastLogin,
    stage: stageOf(logins),
    days: window.map((day) => ({ day, logins: perDay.get(day) ?? zeroes() })),
  };
}

function stageOf(logins: PerProtocol<number>): MigrationStage {
  const [sso, oidc] = LOGIN_PROTOCOLS.map((protocol) => logins[protocol] > 0);
  if (sso && oidc) return 'both';
  if (sso) return 'dj-sso only';
  return oidc ? 'oidc only' : 'no logins';
}
