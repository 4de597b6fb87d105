import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Middleware } from 'koa';
import views from 'koa-views';
import nunjucks from 'nunjucks';
import { TemplateFreshness } from './template-freshness.js';

/** The built-in templates, found next to this module wherever the code runs from. */
export const BUILT_IN_VIEWS = fileURLToPath(new URL('../views/', import.meta.url));

export interface PageViewsOptions {
  /** Looked in before the built-in templates: a `sso/login.njk` there replaces the built-in one. */
  templatesDir: string | undefined;
  /**
   * Notice edited template files (by their modification time) and compile those again, so that
   * edits show without a restart; off in production. Templates are compiled once either way.
   */
  watchTemplates: boolean;
}

/**
 * Where a page's own locals travel through koa-views, which merges all of `ctx.state` into what it
 * hands the engine: the engine passes on only what is under this key, so no session object or
 * function of the request reaches a template.
 */
const PAGE_LOCALS = Symbol('signet.pageLocals');

/**
 * `ctx.render` through koa-views, over one nunjucks environment (autoescaping on) whose loader looks
 * in the override directory first and in the built-in views second. koa-views resolves the
 * template's name under the built-in views (every page has a built-in template); the engine then
 * renders that name through the loader, so a template in the override directory wins. Each template
 * is compiled once, when first rendered; in development an edited file is compiled again.
 */
export function pageViews(options: PageViewsOptions): Middleware {
  const searchPaths = [...(options.templatesDir ? [options.templatesDir] : []), BUILT_IN_VIEWS];
  const loader = new nunjucks.FileSystemLoader(searchPaths);
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  const freshness = options.watchTemplates ? new TemplateFreshness(environment, loader, searchPaths) : null;
  const renderNunjucks = (absolutePath: string, state: Record<PropertyKey, unknown>): Promise<string> =>
    new Promise((resolve, reject) => {
      freshness?.refresh();
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

/** The Content-Security-Policy of every page Signet renders: its own scripts, styles and images only. */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
