/**
 * `npm run demo`: Signet as the SSO provider on http://localhost:3000 (memory adapters, the demo
 * data) and the demo client app on http://localhost:8000, a separate process that talks to the
 * provider over HTTP only. Ctrl-C stops both.
 *
 * Other ports: `npm run demo -- --provider-port 3100 --client-port 8100` (or DEMO_PROVIDER_PORT and
 * DEMO_CLIENT_PORT). The demo SSO key is bound to localhost:8000; on another client port the demo
 * registers an SSO host for it at the provider and hands the app that key instead.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { DEMO_SSO_HOST, DEMO_USERS } from '../../src/application/demo/demo-data.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startRuntime } from '../../src/runtime.js';

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

const key =
  clientPort === 8000
    ? { apiKey: DEMO_SSO_HOST.apiKey, secretKey: DEMO_SSO_HOST.secretKey }
    : await runtime.cradle.addSsoHost.execute({ host: `localhost:${clientPort}`, note: 'demo client app' });

// The client app: its own process, configured as any app is, by the SSO_* variables.
const client = spawn(process.execPath, ['--import', 'tsx', new URL('./main.ts', import.meta.url).pathname], {
  env: {
    ...process.env,
    PORT: String(clientPort),
    SSO_URL: providerUrl,
    SSO_API_KEY: key.apiKey,
    SSO_SEC_KEY: key.secretKey,
    SSO_APP_URL: clientUrl,
  },
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
      'Signet single sign-on demo',
      `  provider (Signet):  ${providerUrl}   users: ${users}`,
      `  client app:         ${clientUrl}   SSO key ${key.apiKey} for localhost:${clientPort}`,
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
