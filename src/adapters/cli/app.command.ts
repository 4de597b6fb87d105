import type { z } from 'zod';
import type { appDetail, appSummary } from '../../application/app-meter/app-outputs.js';
import type { CliHost } from './cli-host.js';
import { isoOr, runSubcommand, showUsage, withServices, type CommandGroup, type Subcommand } from './command-group.js';
import { pageInput, pageOptions, pageUsage, reportPage } from './list-pages.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';
import { printable } from './terminal-text.js';

type AppSummary = z.output<typeof appSummary>;
type AppDetail = z.output<typeof appDetail>;

const usage = {
  list: `signet app list ${pageUsage}`,
  show: 'signet app show HOST',
} as const;

/** The migration meter: each app (host) with its logins by protocol over the last 30 days. */
const list: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, { usage: usage.list, options: pageOptions, positionals: [0, 0] });
  if (help) return showUsage(host.io, usage.list);
  const apps = await withServices(host, (services) => services.listApps.execute(pageInput(values)));
  if (apps.total === 0) {
    host.io.out(values.search === undefined ? 'no apps' : `no apps matching "${values.search}"`);
    return 0;
  }
  const header = ['APP', 'STAGE', 'DJ-SSO LOGINS', 'OIDC LOGINS', 'LAST DJ-SSO', 'LAST OIDC', 'SSO KEYS', 'OIDC CLIENTS'];
  for (const line of formatTable([header, ...apps.items.map(appRow)])) host.io.out(line);
  reportPage(host.io, apps, 'apps');
  return 0;
};

/** One app: its keys and clients, a row per day, and the users still arriving through dj-sso. */
const show: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage.show, options: {}, positionals: [1, 1] });
  if (help) return showUsage(host.io, usage.show);
  const [name = ''] = positionals;
  const app = await withServices(host, (services) => services.showApp.execute({ host: name }));
  printApp(host, app);
  return 0;
};

export const appCommands: CommandGroup = {
  name: 'app',
  subcommands: new Map([
    ['list', { run: list, usage: usage.list }],
    ['show', { run: show, usage: usage.show }],
  ]),
};

/** `app <list|show> ...`: the migration meter, from dj-sso to OpenID Connect; resolves the exit status. */
export function appCommand(args: readonly string[], host: CliHost): Promise<number> {
  return runSubcommand(appCommands, args, host);
}

function printApp(host: CliHost, app: AppDetail): void {
  const { io } = host;
  io.out(`app:           ${printable(app.app)}`);
  io.out(`stage:         ${app.stage}`);
  io.out(`logins:        dj-sso ${app.logins['dj-sso']}, oidc ${app.logins.oidc} (last 30 days)`);
  io.out(`last dj-sso:   ${isoOr(app.lastLogin['dj-sso'], 'never')}`);
  io.out(`last oidc:     ${isoOr(app.lastLogin.oidc, 'never')}`);
  io.out(`sso keys:      ${app.ssoKeys.length === 0 ? '-' : app.ssoKeys.join(', ')}`);
  io.out(`oidc clients:  ${app.oidcClients.length === 0 ? '-' : app.oidcClients.map(clientText).join(', ')}`);
  const days = app.days.filter((day) => day.logins['dj-sso'] > 0 || day.logins.oidc > 0);
  io.out('');
  if (days.length === 0) io.out('no logins in the last 30 days');
  else {
    const rows = days.map((day) => [day.day, String(day.logins['dj-sso']), String(day.logins.oidc)]);
    for (const line of formatTable([['DAY', 'DJ-SSO', 'OIDC'], ...rows])) io.out(line);
  }
  io.out('');
  if (app.djSsoUsers.total === 0) io.out('no users arrived through dj-sso in the last 30 days');
  else {
    const rows = app.djSsoUsers.items.map((user) => [user.username, String(user.logins), user.lastDay]);
    for (const line of formatTable([['STILL ON DJ-SSO', 'LOGINS', 'LAST DAY'], ...rows])) io.out(line);
    if (app.djSsoUsers.items.length < app.djSsoUsers.total) {
      io.err(`${app.djSsoUsers.items.length} of ${app.djSsoUsers.total} users still on dj-sso`);
    }
  }
}

function clientText(client: AppDetail['oidcClients'][number]): string {
  return printable(`${client.clientId}${client.disabled ? ' (disabled)' : ''}`);
}

function appRow(app: AppSummary): string[] {
  return [
    app.app,
    app.stage,
    String(app.logins['dj-sso']),
    String(app.logins.oidc),
    isoOr(app.lastLogin['dj-sso'], 'never'),
    isoOr(app.lastLogin.oidc, 'never'),
    app.ssoKeys.length === 0 ? '-' : app.ssoKeys.join(', '),
    app.oidcClients.length === 0 ? '-' : app.oidcClients.map((client) => client.clientId).join(', '),
  ];
}
