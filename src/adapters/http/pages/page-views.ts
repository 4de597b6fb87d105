import { fileURLToPath } from 'node:url';
import type { Context, Middleware } from 'koa';
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

/** Renders a template (its name under the views, without `.njk`) with these locals, to HTML. */
type PageRenderer = (template: string, locals: Readonly<Record<string, unknown>>) => Promise<string>;

/** The renderer of the first pageViews() a request passed through (the admin's and the pages' are alike). */
const renderers = new WeakMap<Context, PageRenderer>();

/**
 * One nunjucks environment (autoescaping on) whose loader looks in the override directory first and
 * in the built-in views second, so a template in the override directory wins; `renderPage` renders
 * through it. Each template is compiled once, when first rendered; in development an edited file is
 * compiled again. The template is named to the loader directly: no lookup of the file on each
 * render (koa-views, used before, stat()ed the file on every page, twice for a name without its
 * extension), and the template sees only the page's own locals, never `ctx.state`.
 */
export function pageViews(options: PageViewsOptions): Middleware {
  const searchPaths = [...(options.templatesDir ? [options.templatesDir] : []), BUILT_IN_VIEWS];
  const loader = new nunjucks.FileSystemLoader(searchPaths);
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  const freshness = options.watchTemplates ? new TemplateFreshness(environment, loader, searchPaths) : null;
  const render: PageRenderer = (template, locals) =>
    new Promise((resolve, reject) => {
      freshness?.refresh();
      environment.render(`${template}.njk`, locals, (error, html) => (error ? reject(error) : resolve(html ?? '')));
    });
  return async function pageViewsMiddleware(ctx, next) {
    if (!renderers.has(ctx)) renderers.set(ctx, render);
    await next();
  };
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
  const render = renderers.get(ctx);
  if (!render) throw new Error(`rendering ${template} on a route without pageViews()`);
  const html = await render(template, locals);
  // With its charset already named, the type is set without a lookup in the table of media types.
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = html;
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
