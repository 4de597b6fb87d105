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
   * Notice edited template files (the template folders are watched) and compile those again, so
   * that edits show without a restart; off in production. Templates are compiled once either way.
   */
  watchTemplates: boolean;
}

/** Renders a template by name (`sso/login`) with the locals given, and nothing else, to HTML. */
type PageRenderer = (template: string, locals: Readonly<Record<string, unknown>>) => Promise<string>;

/**
 * One nunjucks environment per set of options for the whole process, however many groups of pages
 * ask for one: each template is compiled once, when first rendered.
 */
const renderers = new Map<string, PageRenderer>();

/** The renderer a request's pages use, as `pageViews()` left it. */
const rendererOfRequest = new WeakMap<Context, PageRenderer>();

/**
 * Gives the pages of the routes it runs before their renderer: one nunjucks environment (autoescaping
 * on) whose loader looks in the override directory first and in the built-in views second, so a
 * template in the override directory wins. In development an edited file is compiled again.
 *
 * No view middleware package stands between a page and nunjucks: koa-views looked each template up
 * on disk on every render (an asynchronous stat through libuv's thread pool), which cost more server
 * CPU than a whole unprotected request; the loader already knows where each template is.
 */
export function pageViews(options: PageViewsOptions): Middleware {
  const renderer = rendererFor(options);
  return function pageViewsMiddleware(ctx, next) {
    rendererOfRequest.set(ctx, renderer);
    return next();
  };
}

function rendererFor(options: PageViewsOptions): PageRenderer {
  const key = JSON.stringify([options.templatesDir ?? null, options.watchTemplates]);
  let renderer = renderers.get(key);
  if (renderer === undefined) {
    renderer = newRenderer(options);
    renderers.set(key, renderer);
  }
  return renderer;
}

function newRenderer(options: PageViewsOptions): PageRenderer {
  const searchPaths = [...(options.templatesDir ? [options.templatesDir] : []), BUILT_IN_VIEWS];
  const loader = new nunjucks.FileSystemLoader(searchPaths);
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  const freshness = options.watchTemplates ? new TemplateFreshness(environment, loader, searchPaths) : null;
  return (template, locals) =>
    new Promise((resolve, reject) => {
      freshness?.refresh();
      environment.render(`${template}.njk`, locals, (error, html) => (error ? reject(error) : resolve(html ?? '')));
    });
}

/**
 * Answers with a rendered page. Every page refuses to be framed (the login forms would otherwise
 * invite clickjacking), runs no inline script, and is never cached (pages carry CSRF tokens and who
 * is logged in). Only `locals` reach the template: no session object or function of the request.
 */
export async function renderPage(
  ctx: Context,
  template: string,
  locals: Readonly<Record<string, unknown>>,
  status = 200,
): Promise<void> {
  const render = rendererOfRequest.get(ctx);
  if (render === undefined) throw new Error(`the page ${template} was rendered on a route without pageViews()`);
  const html = await render(template, locals);
  ctx.set('Content-Security-Policy', PAGE_POLICY);
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'text/html';
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
