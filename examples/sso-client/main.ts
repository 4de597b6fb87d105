/**
 * The demo client app on its own: `SSO_URL=http://localhost:3000 SSO_API_KEY=5f0c2a7e
 * SSO_SEC_KEY=9b1d4c6e2f8a4b7d9c3e5f1a2b4c6d8e npx tsx examples/sso-client/main.ts` (PORT=8000 by
 * default); over OpenID Connect, `SSO_PROTOCOL=oidc SSO_URL=http://localhost:3000/oidc
 * SSO_CLIENT_ID=demo-oidc SSO_CLIENT_SECRET=demo-oidc-secret-published-do-not-use-in-production`.
 * `npm run demo` starts it next to a provider (`npm run demo -- --protocol oidc` for OpenID Connect).
 */
import { ConfigError, ssoClient } from 'signet/sso-client';
import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 8000);

// Settings from the SSO_* variables; a missing or bad one stops the app with every problem listed.
const sso = await ssoClient().catch((error: unknown) => {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`The demo app cannot start:\n${error.problems.map((problem) => `  ${problem}`).join('\n')}\n`);
  process.exit(2);
});

const server = createApp(sso).listen(port, '127.0.0.1', () => {
  process.stdout.write(`Demo client app listening on http://localhost:${port}\n`);
});

function stop(): void {
  server.close(() => {
    void sso.close().then(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
