import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from '@koa/router';
import type { BaseState, SignetRouter } from '../signet-context.js';

const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));
const types: Readonly<Record<string, string>> = { '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

/**
 * `GET /assets/<name>`: the pages' stylesheet and scripts. An `assets/` folder in the templates
 * directory (SSO_TEMPLATES_DIR) adds files of its own, or replaces built-in ones, for the pages a
 * team replaces (a reader page's value transforms, say). The files are read once, at start, and
 * only those names are served, so no request path ever reaches the file system.
 */
export function assetsRoutes(templatesDir?: string): SignetRouter {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const folder of [ASSETS, ...(templatesDir ? [join(templatesDir, 'assets')] : [])]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const type = types[extname(name)];
      if (type) files.set(name, { body: readFileSync(join(folder, name)), type });
    }
  }
  const router = new Router<BaseState>();
  router.get('/assets/:name', (ctx) => {
    const file = files.get(ctx.params.name ?? '');
    if (!file) return;
    ctx.type = file.type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = file.body;
  });
  return router;
}
