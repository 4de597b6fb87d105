import { DEMO_ADMIN_KEY, DEMO_API_KEY, DEMO_OIDC_CLIENT, DEMO_SSO_HOST, DEMO_USERS } from './application/demo/demo-data.js';
import type { Config } from './config/config.schema.js';

/** The lines printed once the server listens; the demo's keys only where the demo runs. */
export function banner(config: Config, baseUrl: string): string {
  const lines = [
    `Signet listening on ${baseUrl} (cache: ${config.cache}${config.cache === 'redis' && config.redisClusterNodes ? ' cluster' : ''}, store: ${config.store}, ${config.env}${config.workers > 1 ? `, ${config.workers} workers` : ''})`,
    `  health:        ${baseUrl}/health/ready`,
    `  SSO provider:  ${baseUrl}/  (log in at ${baseUrl}/login/)`,
    `  OpenID issuer: ${config.oidc.issuer}  (discovery: ${config.oidc.issuer}/.well-known/openid-configuration)`,
    `  Mongo reader:  ${baseUrl}/mongo/  (source: ${config.reader.source})`,
    `  admin:         ${baseUrl}/admin/  (staff users; the admin API is under /admin/api/, described at /openapi.json)`,
  ];
  if (config.demo) {
    lines.push(
      `  demo data:     published keys and passwords, seeded because ${config.store === 'memory' ? 'the store is memory' : 'SIGNET_DEMO=1'}`,
      `  demo API key:  ${DEMO_API_KEY.apiKey}  SEC key: ${DEMO_API_KEY.secretKey}`,
      `  demo APIs:     ${DEMO_API_KEY.entryPoints.join(', ')}`,
      `  sign a call:   npm run signet -- sign ${baseUrl}/api/hello/`,
      `  demo users:    ${DEMO_USERS.map((user) => `${user.username} / ${user.password}${user.isStaff ? ' (staff)' : ''}`).join(', ')}`,
      `  demo SSO host: ${DEMO_SSO_HOST.host}  API key: ${DEMO_SSO_HOST.apiKey}  SEC key: ${DEMO_SSO_HOST.secretKey}`,
      `  demo OpenID:   client id: ${DEMO_OIDC_CLIENT.clientId}  secret: ${DEMO_OIDC_CLIENT.secret}  (redirect: ${DEMO_OIDC_CLIENT.redirectUris.join(', ')})`,
      `  demo reader:   db1.user_collection1 (100 documents): ${readers(config.reader.policyFile)}`,
      `  admin API key: ${DEMO_ADMIN_KEY.apiKey}  SEC key: ${DEMO_ADMIN_KEY.secretKey}  (acts as ${DEMO_ADMIN_KEY.username})`,
      `  admin API:     npm run signet -- --server ${baseUrl} key list`,
    );
  } else if (!config.isProduction) {
    lines.push('  demo data:     none (a persistent store gets the demo only with SIGNET_DEMO=1)');
  }
  return lines.join('\n');
}

/** Who may read the demo collection: the demo's policy says, unless READER_POLICY names a file of its own. */
function readers(policyFile: string | undefined): string {
  return policyFile === undefined
    ? 'user1 and staff read it, user2 may only count it'
    : `who may read it is up to READER_POLICY (${policyFile})`;
}
