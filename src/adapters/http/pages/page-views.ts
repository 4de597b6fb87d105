import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Middleware } from 'koa';
import views from 'koa-views';
import nunjucks from 'nunjucks';

/** The built-in templates, found next to this module wherever the code runs from. */
export const BUILT_IN_VIEWS = fileURLToPath(new URL('../views/', import.meta.url));

/**
 * Where a page's own locals travel through koa-views, which merges all of `ctx.state` into what it
 * hands the engine: the engine passes on only what is under this key, so no session object or
 * function of the request reaches a template.
 */
const PAGE_LOCALS = Symbol('signet.pageLocals');

export interface PageViewsOptions {
  /** Looked in before the built-in templates: a `sso/login.njk` there replaces the built-in one. */
  templatesDir: string | undefined;
  /** Keep compiled templates; off in development so that edits show without a restart. */
  cacheTemplates: boolean;
}

/**
 * `ctx.render` through koa-views, over one nunjucks environment (autoescaping on) whose loader looks
 * in the override directory first and in the built-in views second. koa-views resolves the
 * template's name under the built-in views (every page has a built-in template); the engine then
 * renders that name through the loader, so a template in the override directory wins.
 */
export function pageViews(options: PageViewsOptions): Middleware {
  const searchPaths = [...(options.templatesDir ? [options.templatesDir] : []), BUILT_IN_VIEWS];
  const loader = new nunjucks.FileSystemLoader(searchPaths, { noCache: !options.cacheTemplates });
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  const renderNunjucks = (absolutePath: string, state: Record<PropertyKey, unknown>): Promise<string> =>
    new Promise((resolve, reject) => {
      const name = relative(BUILT_IN_VIEWS, absolutePath).split('\\').join('/');
      const locals = state[PAGE_LOCALS];
      const context = typeof locals === 'object' && locals !== null ? locals : {};
      environment.render(name, context, (error, html) => (error ? reject(error) : resolve(html ?? '')));
    });
  return views(BUILT_IN_VIEWS, {
    extension: 'njk',
    map: { njk: 'nunjucks' },
    engineSource: { nunjucks: renderNunjucks },
    autoRender: true,
  });
}

/**
 * Answers with a rendered page. Every page refuses to be framed (the login forms would otherwise
 * invite clickjacking), runs no inline script, and is never cached (pages carry CSRF tokens and who
 * is logged in).
 */
export async function renderPage(
  ctx: Context,
  template: string,
  locals: Readonly<Record<string, unknown>>,
  status = 200,
): Promise<void> {
  ctx.set('Content-Security-Policy', PAGE_POLICY);
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Cache-Control', 'no-store');
  await ctx.render(template, { [PAGE_LOCALS]: locals });
  ctx.status = status;
}

const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
