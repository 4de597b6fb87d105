import type { OidcClientSummary } from '../../application/oidc/oidc-client-summary.js';
import type { SigningKeyView } from '../../application/oidc/list-signing-keys.js';
import { UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { isoSeconds, runSubcommand, showUsage, withServices, type CommandGroup, type Subcommand } from './command-group.js';
import { pageInput, pageOptions, pageUsage, reportPage } from './list-pages.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';
import { printable } from './terminal-text.js';

const usage = {
  create:
    'signet oidc client create --redirect-uri URI... [--client-id ID] [--name NAME] [--post-logout-uri URI]... [--scope SCOPE]... [--first-party] [--public] [--id-token-alg ES256|RS256]',
  list: `signet oidc client list ${pageUsage}`,
  show: 'signet oidc client show CLIENT_ID',
  update:
    'signet oidc client update CLIENT_ID [--name NAME] [--redirect-uri URI]... [--post-logout-uri URI]... [--no-post-logout-uris] [--scope SCOPE]... [--first-party | --third-party] [--id-token-alg ES256|RS256]',
  'rotate-secret': 'signet oidc client rotate-secret CLIENT_ID',
  disable: 'signet oidc client disable CLIENT_ID',
  enable: 'signet oidc client enable CLIENT_ID',
  remove: 'signet oidc client remove CLIENT_ID',
  keys: 'signet oidc keys',
  'rotate-keys': 'signet oidc rotate-keys [--activation-delay SECONDS]',
} as const;

const create: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, {
    usage: usage.create,
    options: {
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-uri': { type: 'string', multiple: true },
      scope: { type: 'string', multiple: true },
      'client-id': { type: 'string' },
      name: { type: 'string' },
      'first-party': { type: 'boolean' },
      public: { type: 'boolean' },
      'id-token-alg': { type: 'string' },
    },
    positionals: [0, 0],
  });
  if (help) return showUsage(host.io, usage.create);
  const redirectUris = values['redirect-uri'] ?? [];
  if (redirectUris.length === 0) throw new UsageError('--redirect-uri is required (one or more)', usage.create);
  const { client, clientSecret } = await withServices(
    host,
    (services) =>
      services.createOidcClient.executeUntyped({
        ...(values['client-id'] === undefined ? {} : { clientId: values['client-id'] }),
        ...(values.name === undefined ? {} : { name: values.name }),
        redirectUris,
        ...(values['post-logout-uri'] === undefined ? {} : { postLogoutRedirectUris: values['post-logout-uri'] }),
        ...(values.scope === undefined ? {} : { scopes: values.scope }),
        firstParty: values['first-party'] === true,
        public: values.public === true,
        ...(values['id-token-alg'] === undefined ? {} : { idTokenSignedResponseAlg: values['id-token-alg'] }),
      }),
    'changes',
  );
  host.io.out(`client id:     ${client.clientId}`);
  host.io.out(`client secret: ${clientSecret ?? '(none: a public client, PKCE only)'}`);
  printClient(host, client);
  if (clientSecret !== null) host.io.err("The client secret is shown this once: put it in the application's settings now.");
  return 0;
};

const list: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, { usage: usage.list, options: pageOptions, positionals: [0, 0] });
  if (help) return showUsage(host.io, usage.list);
  const clients = await withServices(host, (services) => services.listOidcClients.executeUntyped(pageInput(values)));
  if (clients.total === 0) {
    host.io.out(values.search === undefined ? 'no OpenID clients' : `no OpenID clients matching "${values.search}"`);
    return 0;
  }
  const header = ['CLIENT ID', 'NAME', 'TYPE', 'FIRST-PARTY', 'STATUS', 'CREATED', 'REDIRECT URIS'];
  for (const line of formatTable([header, ...clients.items.map(row)])) host.io.out(line);
  reportPage(host.io, clients, 'OpenID clients');
  return 0;
};

const show: Subcommand = async (args, host) => {
  const clientId = oneClientId(args, usage.show);
  if (clientId === null) return showUsage(host.io, usage.show);
  const client = await withServices(host, (services) => services.showOidcClient.execute({ clientId }));
  host.io.out(`client id:     ${client.clientId}`);
  host.io.out(`name:          ${printable(client.name)}`);
  host.io.out(`type:          ${client.confidential ? 'confidential (client_secret_basic)' : 'public (PKCE only)'}`);
  host.io.out(`status:        ${client.disabled ? 'disabled' : 'enabled'}`);
  host.io.out(`created:       ${isoSeconds(client.createdAt)}`);
  printClient(host, client);
  return 0;
};

const update: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage.update,
    options: {
      name: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-uri': { type: 'string', multiple: true },
      'no-post-logout-uris': { type: 'boolean' },
      scope: { type: 'string', multiple: true },
      'first-party': { type: 'boolean' },
      'third-party': { type: 'boolean' },
      'id-token-alg': { type: 'string' },
    },
    positionals: [1, 1],
    mayBeEmpty: ['name'],
  });
  if (help) return showUsage(host.io, usage.update);
  if (values['first-party'] === true && values['third-party'] === true) {
    throw new UsageError('--first-party and --third-party contradict each other', usage.update);
  }
  if (values['no-post-logout-uris'] === true && values['post-logout-uri'] !== undefined) {
    throw new UsageError('--no-post-logout-uris and --post-logout-uri contradict each other', usage.update);
  }
  const [clientId = ''] = positionals;
  const firstParty = values['first-party'] === true ? true : values['third-party'] === true ? false : undefined;
  const postLogout = values['no-post-logout-uris'] === true ? [] : values['post-logout-uri'];
  const changes = {
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values['redirect-uri'] === undefined ? {} : { redirectUris: values['redirect-uri'] }),
    ...(postLogout === undefined ? {} : { postLogoutRedirectUris: postLogout }),
    ...(values.scope === undefined ? {} : { scopes: values.scope }),
    ...(firstParty === undefined ? {} : { firstParty }),
    ...(values['id-token-alg'] === undefined ? {} : { idTokenSignedResponseAlg: values['id-token-alg'] }),
  };
  if (Object.keys(changes).length === 0) throw new UsageError('nothing to change: give at least one option', usage.update);
  const client = await withServices(
    host,
    (services) => services.updateOidcClient.executeUntyped({ clientId, ...changes }),
    'changes',
  );
  host.io.out(`updated ${client.clientId}`);
  printClient(host, client);
  return 0;
};

const rotateSecret: Subcommand = async (args, host) => {
  const clientId = oneClientId(args, usage['rotate-secret']);
  if (clientId === null) return showUsage(host.io, usage['rotate-secret']);
  const { client, clientSecret } = await withServices(
    host,
    (services) => services.rotateOidcClientSecret.execute({ clientId }),
    'changes',
  );
  host.io.out(`client id:     ${client.clientId}`);
  host.io.out(`client secret: ${clientSecret ?? ''}`);
  host.io.err('The new client secret is shown this once; the old one is refused from now on.');
  return 0;
};

function switchCommand(name: 'disable' | 'enable'): Subcommand {
  return async (args, host) => {
    const clientId = oneClientId(args, usage[name]);
    if (clientId === null) return showUsage(host.io, usage[name]);
    await withServices(
      host,
      (services) => (name === 'disable' ? services.disableOidcClient : services.enableOidcClient).execute({ clientId }),
      'changes',
    );
    host.io.out(`${name}d ${clientId}`);
    return 0;
  };
}

const remove: Subcommand = async (args, host) => {
  const clientId = oneClientId(args, usage.remove);
  if (clientId === null) return showUsage(host.io, usage.remove);
  await withServices(host, (services) => services.removeOidcClient.execute({ clientId }), 'changes');
  host.io.out(`removed ${clientId}`);
  return 0;
};

/** The one client id a command takes; null when only its usage was asked for. */
function oneClientId(args: readonly string[], commandUsage: string): string | null {
  const { positionals, help } = parseCommand(args, { usage: commandUsage, options: {}, positionals: [1, 1] });
  return help ? null : (positionals[0] ?? '');
}

const keys = async (args: readonly string[], host: CliHost): Promise<number> => {
  if (parseCommand(args, { usage: usage.keys, options: {}, positionals: [0, 0] }).help) return showUsage(host.io, usage.keys);
  const listed = await withServices(host, (services) => services.listOidcKeys.execute({}));
  printKeys(host, listed);
  return 0;
};

const rotateKeys = async (args: readonly string[], host: CliHost): Promise<number> => {
  const { values, help } = parseCommand(args, {
    usage: usage['rotate-keys'],
    options: { 'activation-delay': { type: 'string' } },
    positionals: [0, 0],
  });
  if (help) return showUsage(host.io, usage['rotate-keys']);
  const delay = values['activation-delay'];
  if (delay !== undefined && !/^\d{1,8}$/.test(delay)) {
    throw new UsageError('--activation-delay is a whole number of seconds', usage['rotate-keys']);
  }
  const added = await withServices(
    host,
    (services) => services.rotateOidcKeys.execute(delay === undefined ? {} : { activationDelaySeconds: Number(delay) }),
    'changes',
  );
  printKeys(host, added);
  const first = added[0];
  if (first !== undefined) {
    host.io.err(
      `New keys published; they sign from ${isoSeconds(first.activatesAt)}. The old keys stay published until every token they signed has expired.`,
    );
  }
  return 0;
};

export const oidcClientCommands: CommandGroup = {
  name: 'oidc client',
  subcommands: new Map([
    ['create', { run: create, usage: usage.create }],
    ['list', { run: list, usage: usage.list }],
    ['show', { run: show, usage: usage.show }],
    ['update', { run: update, usage: usage.update }],
    ['rotate-secret', { run: rotateSecret, usage: usage['rotate-secret'] }],
    ['disable', { run: switchCommand('disable'), usage: usage.disable }],
    ['enable', { run: switchCommand('enable'), usage: usage.enable }],
    ['remove', { run: remove, usage: usage.remove }],
  ]),
};

/** `oidc client <...>`, `oidc keys`, `oidc rotate-keys`: the OpenID Connect clients and signing keys; resolves the exit status. */
export function oidcCommand(args: readonly string[], host: CliHost): Promise<number> {
  const [group, ...rest] = args;
  if (group === 'keys') return keys(rest, host);
  if (group === 'rotate-keys') return rotateKeys(rest, host);
  if (group !== 'client') {
    throw new UsageError(
      group === undefined ? 'oidc needs a command' : `unknown oidc command "${group}"`,
      Object.values(usage).join('\n       '),
    );
  }
  return runSubcommand(oidcClientCommands, rest, host);
}

function printClient(host: CliHost, client: OidcClientSummary): void {
  host.io.out(`redirect URIs: ${client.redirectUris.map(printable).join(' ')}`);
  if (client.postLogoutRedirectUris.length > 0)
    host.io.out(`post-logout:   ${client.postLogoutRedirectUris.map(printable).join(' ')}`);
  host.io.out(`scopes:        ${client.scopes.join(' ')}`);
  host.io.out(`first-party:   ${client.firstParty ? 'yes (no consent asked)' : 'no (consent asked once)'}`);
  host.io.out(`ID token alg:  ${client.idTokenSignedResponseAlg}`);
}

function printKeys(host: CliHost, listed: readonly SigningKeyView[]): void {
  const header = ['KID', 'ALG', 'STATE', 'CREATED', 'SIGNS FROM', 'DROPPED AT'];
  const rows = listed.map((key) => [
    key.kid,
    key.alg,
    key.state,
    isoSeconds(key.createdAt),
    isoSeconds(key.activatesAt),
    key.dropsAt === null ? '-' : isoSeconds(key.dropsAt),
  ]);
  for (const line of formatTable([header, ...rows])) host.io.out(line);
}

function row(client: OidcClientSummary): string[] {
  return [
    client.clientId,
    printable(client.name),
    client.confidential ? 'confidential' : 'public',
    client.firstParty ? 'yes' : 'no',
    client.disabled ? 'disabled' : 'enabled',
    isoSeconds(client.createdAt),
    client.redirectUris.map(printable).join(' '),
  ];
}
