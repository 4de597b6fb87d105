import { DEMO_API_KEY, DEMO_SSO_HOST, DEMO_USERS } from './application/demo/demo-data.js';
import type { Config } from './config/config.schema.js';

/** The lines printed once the server listens; the demo keys only outside production. */
export function banner(config: Config, baseUrl: string): string {
  const lines = [
    `Signet listening on ${baseUrl} (cache: ${config.cache}, store: ${config.store}, ${config.env})`,
    `  health:        ${baseUrl}/healthz`,
  ];
  if (!config.isProduction) {
    lines.push(
      `  demo API key:  ${DEMO_API_KEY.apiKey}  SEC key: ${DEMO_API_KEY.secretKey}`,
      `  demo APIs:     ${DEMO_API_KEY.entryPoints.join(', ')}`,
      `  sign a call:   npm run signet -- sign ${baseUrl}/api/hello/`,
      `  SSO provider:  ${baseUrl}/  (log in at ${baseUrl}/login/)`,
      `  demo users:    ${DEMO_USERS.map((user) => `${user.username} / ${user.password}${user.isStaff ? ' (staff)' : ''}`).join(', ')}`,
      `  demo SSO host: ${DEMO_SSO_HOST.host}  API key: ${DEMO_SSO_HOST.apiKey}  SEC key: ${DEMO_SSO_HOST.secretKey}`,
    );
  }
  return lines.join('\n');
}
