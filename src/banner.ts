import { DEMO_API_KEY } from './application/demo/demo-data.js';
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
    );
  }
  return lines.join('\n');
}
