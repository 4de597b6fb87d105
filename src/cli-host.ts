import { hostname, userInfo } from 'node:os';
import { CliConfigError, UsageError } from './adapters/cli/cli-io.js';
import type { CliHost, CliIo, CliRuntime } from './adapters/cli/run-cli.js';
import { adminApiClient } from './adapters/http/admin/admin-api-client.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { adminServicesFor } from './application/admin/admin-services.js';
import { DEMO_ADMIN_KEY } from './application/demo/demo-data.js';
import { SignetClient } from './client/signet-client.js';
import { ConfigError, isProductionEnvironment, loadConfig } from './config/load-config.js';
import { commandLineActor } from './domain/admin/actor.js';
import type { Clock } from './domain/ports/clock.port.js';
import type { Logger } from './domain/ports/logger.port.js';
import { startRuntime } from './runtime.js';
import { signetVersion } from './version.js';

export { signetVersion } from './version.js';

/** Commands log only what goes wrong, on stderr; their output is the answer. */
const quietLogger = (io: CliIo): Logger => ({
  info() {},
  warn() {},
  error(message) {
    io.err(`signet: ${message}`);
  },
});

/**
 * The command line's host. On a store (the one the environment names), it opens the runtime: a
 * memory store is readied as the server readies it (so that commands have the demo and the entry
 * points to work on), a persistent store is never touched beyond what the command does, and every
 * change is recorded in the audit log as made on the command line by this OS user on this host.
 * With `--server URL` (or SIGNET_URL) it acts through that Signet's admin API instead, signed (v2)
 * with SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET (outside production, the demo admin key by default).
 */
export function cliHost(io: CliIo, clock: Clock = new SystemClock()): CliHost {
  const isProduction = isProductionEnvironment(io.env);
  return {
    io,
    clock,
    version: signetVersion(),
    isProduction,
    async open(target = {}): Promise<CliRuntime> {
      const server = target.server ?? io.env.SIGNET_URL;
      return server === undefined || server === '' ? openStore(io) : openServer(io, clock, server, isProduction);
    },
  };
}

async function openStore(io: CliIo): Promise<CliRuntime> {
  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliConfigError(error.problems);
    throw error;
  }
  const runtime = await startRuntime(config, { prepareData: config.store === 'memory', logger: quietLogger(io) });
  const actor = commandLineActor(osUser(io), hostname());
  return {
    services: adminServicesFor(runtime.cradle, actor, () => runtime.entryPoints),
    oidc: {
      create: (request) => runtime.cradle.manageOidcClients.create(actor, request),
      list: () => runtime.cradle.manageOidcClients.list(),
      setDisabled: (clientId, disabled) => runtime.cradle.manageOidcClients.setDisabled(actor, clientId, disabled),
      remove: (clientId) => runtime.cradle.manageOidcClients.remove(actor, clientId),
    },
    ephemeral: config.store === 'memory',
    close: () => runtime.close(),
  };
}

async function openServer(io: CliIo, clock: Clock, server: string, isProduction: boolean): Promise<CliRuntime> {
  if (!URL.canParse(server) || !/^https?:$/.test(new URL(server).protocol)) {
    throw new UsageError(`--server "${server}" is not an http(s) URL`, 'signet --server URL <command> ...');
  }
  const apiKey = io.env.SIGNET_ADMIN_KEY;
  const secretKey = io.env.SIGNET_ADMIN_SECRET;
  let key: { apiKey: string; secretKey: string };
  if (apiKey && secretKey) key = { apiKey, secretKey };
  else if (!apiKey && !secretKey && !isProduction) key = { apiKey: DEMO_ADMIN_KEY.apiKey, secretKey: DEMO_ADMIN_KEY.secretKey };
  else {
    const missing = apiKey ? 'SIGNET_ADMIN_SECRET' : secretKey ? 'SIGNET_ADMIN_KEY' : 'SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET';
    throw new CliConfigError([
      `${missing}: required with --server${isProduction ? ' in production (there is no demo admin key there)' : ''}: an admin key allowed the admin API's entry points, and its SEC key`,
    ]);
  }
  const client = new SignetClient({ baseUrl: server, ...key, protocol: 'v2', now: () => clock.now() });
  return { services: adminApiClient(client, server.replace(/\/+$/, '')), ephemeral: false, close: async () => {} };
}

/** Who runs the command, for the audit log: the OS user. */
function osUser(io: CliIo): string {
  try {
    return userInfo().username;
  } catch {
    return io.env.USER ?? io.env.LOGNAME ?? 'unknown';
  }
}
