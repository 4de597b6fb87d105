/**
 * `npm run demo`: Signet as the SSO provider on http://localhost:3000 (memory adapters, the demo
 * data) and the demo client app on http://localhost:8000, a separate process that talks to the
 * provider over HTTP only. Ctrl-C stops both.
 *
 * The app speaks the dj-sso handshake by default; `npm run demo -- --protocol oidc` (or
 * DEMO_PROTOCOL=oidc) makes it an OpenID Connect client of Signet's provider, as the demo client
 * `demo-oidc`.
 *
 * Other ports: `npm run demo -- --provider-port 3100 --client-port 8100` (or DEMO_PROVIDER_PORT and
 * DEMO_CLIENT_PORT). The demo SSO key and the demo OpenID client are bound to localhost:8000; on
 * another client port the demo registers an SSO host (or an OpenID client) for it at the provider
 * and hands the app that key (or client) instead.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { DEMO_OIDC_CLIENT, DEMO_SSO_HOST, DEMO_USERS } from '../../src/application/demo/demo-data.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startRuntime } from '../../src/runtime.js';

const protocol = choice('--protocol', process.env.DEMO_PROTOCOL, ['dj-sso', 'oidc'] as const);
const providerPort = port('--provider-port', process.env.DEMO_PROVIDER_PORT, 3000);
const clientPort = port('--client-port', process.env.DEMO_CLIENT_PORT, 8000);
const providerUrl = `http://localhost:${providerPort}`;
const clientUrl = `http://localhost:${clientPort}`;

// The provider: Signet on memory adapters with the demo data, whatever the shell's CACHE or STORE say.
const runtime = await startRuntime(
  loadConfig({
    NODE_ENV: 'development',
    // The address browsers use: the OpenID issuer and the passkeys' relying party are named by it.
    PUBLIC_URL: providerUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PASSWORD_HASH_LOG_N: process.env.PASSWORD_HASH_LOG_N ?? '17',
  }),
);
const server: Server = runtime.app.listen(providerPort, '127.0.0.1');
await once(server, 'listening');

// The client app's settings, as any app is configured: the SSO_* variables.
const settings = protocol === 'oidc' ? await oidcSettings() : await djSsoSettings();

async function djSsoSettings(): Promise<{ env: Record<string, string>; credential: string }> {
  const key =
    clientPort === 8000
      ? { apiKey: DEMO_SSO_HOST.apiKey, secretKey: DEMO_SSO_HOST.secretKey }
      : await runtime.cradle.addSsoHost.execute({ host: `localhost:${clientPort}`, note: 'demo client app' });
  return {
    env: { SSO_URL: providerUrl, SSO_API_KEY: key.apiKey, SSO_SEC_KEY: key.secretKey },
    credential: `SSO key ${key.apiKey} for localhost:${clientPort}`,
  };
}

async function oidcSettings(): Promise<{ env: Record<string, string>; credential: string }> {
  const registered =
    clientPort === 8000
      ? { clientId: DEMO_OIDC_CLIENT.clientId, secret: DEMO_OIDC_CLIENT.secret }
      : await runtime.cradle.createOidcClient
          .execute({
            clientId: `demo-oidc-${clientPort}`,
            name: DEMO_OIDC_CLIENT.name,
            redirectUris: [`${clientUrl}/oidc/callback`],
            postLogoutRedirectUris: [`${clientUrl}/`],
            firstParty: true,
          })
          .then(({ client, secret }) => ({ clientId: client.clientId, secret: secret ?? '' }));
  return {
    env: {
      SSO_PROTOCOL: 'oidc',
      SSO_URL: `${providerUrl}/oidc`,
      SSO_CLIENT_ID: registered.clientId,
      SSO_CLIENT_SECRET: registered.secret,
    },
    credential: `OpenID client ${registered.clientId} for ${clientUrl}/oidc/callback`,
  };
}

const client = spawn(process.execPath, ['--import', 'tsx', new URL('./main.ts', import.meta.url).pathname], {
  env: { ...process.env, PORT: String(clientPort), SSO_APP_URL: clientUrl, ...settings.env },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const clientExited = once(client, 'exit');
let clientOutput = '';
client.stdout.setEncoding('utf8');
client.stdout.on('data', (chunk: string) => {
  if (!clientOutput.includes('listening')) {
    clientOutput += chunk;
    if (clientOutput.includes('listening')) ready();
  }
});
void clientExited.then(([code]) => {
  if (!stopping) {
    process.stderr.write(`The demo client app stopped (exit code ${String(code)}); stopping the provider.\n`);
    void stop(1);
  }
});

function ready(): void {
  const users = DEMO_USERS.map((user) => `${user.username} / ${user.password}`).join(', ');
  process.stdout.write(
    [
      `Signet single sign-on demo (${protocol === 'oidc' ? 'OpenID Connect' : 'the dj-sso handshake'})`,
      `  provider (Signet):  ${providerUrl}   users: ${users}`,
      `  client app:         ${clientUrl}   ${settings.credential}`,
      `Open ${clientUrl} and click "Log in". Ctrl-C stops both.`,
      '',
    ].join('\n'),
  );
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (client.exitCode === null && client.signalCode === null) client.kill('SIGTERM');
  await clientExited;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
  process.exit(code);
}
// Ctrl-C reaches the client app too (one process group); stop() waits for it either way.
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** The flag's value (else the variable's) among `values`; the first by default. */
function choice<const Value extends string>(
  flag: string,
  fromEnv: string | undefined,
  values: readonly [Value, ...Value[]],
): Value {
  const at = process.argv.indexOf(flag);
  const text = at >= 0 ? process.argv[at + 1] : fromEnv;
  if (text === undefined) return values[0];
  const found = values.find((value) => value === text);
  if (found === undefined) {
    process.stderr.write(`${flag} accepts ${values.join(' or ')}, got ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return found;
}

function port(flag: string, fromEnv: string | undefined, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const text = at >= 0 ? process.argv[at + 1] : fromEnv;
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    process.stderr.write(`${flag} accepts a port from 1 to 65535, got ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return value;
}
