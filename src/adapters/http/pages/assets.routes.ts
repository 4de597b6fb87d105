import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from '@koa/router';
import type { BaseState, SignetRouter } from '../signet-context.js';

const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));
const types: Readonly<Record<string, string>> = { '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

/**
 * `GET /assets/<name>`: the pages' stylesheet and scripts. The files are read once, at start, and
 * only those names are served, so no request path ever reaches the file system.
 */
export function assetsRoutes(): SignetRouter {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(ASSETS)) {
    const type = types[extname(name)];
    if (type) files.set(name, { body: readFileSync(join(ASSETS, name)), type });
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
