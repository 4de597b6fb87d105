import { statSync } from 'node:fs';
import { join } from 'node:path';
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

/** Renders a page's template with the page's own locals: nothing of the session or the request else. */
type PageRenderer = (template: string, locals: Readonly<Record<string, unknown>>) => Promise<string>;

/** Each request's renderer, set by the pageViews that the request passed through. */
const renderers = new WeakMap<Context, PageRenderer>();

/**
 * Gives the requests that pass through it `renderPage`, over one nunjucks environment (autoescaping
 * on) whose loader looks in the override directory first and in the built-in views second, so a
 * template in the override directory wins. Each template is compiled once, when first rendered.
 */
export function pageViews(options: PageViewsOptions): Middleware {
  const searchPaths = [...(options.templatesDir ? [options.templatesDir] : []), BUILT_IN_VIEWS];
  const loader = new nunjucks.FileSystemLoader(searchPaths);
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  const freshness = options.watchTemplates ? new TemplateFreshness(environment, loader, searchPaths) : null;
  const fileNames = new Map<string, string>();
  const render: PageRenderer = (template, locals) =>
    new Promise((resolve, reject) => {
      freshness?.refresh();
      let name = fileNames.get(template);
      if (name === undefined) {
        name = templateFileName(template);
        fileNames.set(template, name);
      }
      environment.render(name, locals, (error, html) => (error ? reject(error) : resolve(html ?? '')));
    });
  return async function pageRenderer(ctx, next) {
    renderers.set(ctx, render);
    await next();
  };
}

/**
 * The file a page's template name stands for, as the built-in views lay them out: `sso/login` is
 * `sso/login.njk`, and a folder's name stands for its `index.njk`.
 */
function templateFileName(template: string): string {
  if (template.endsWith('.njk')) return template;
  const folder = statSync(join(BUILT_IN_VIEWS, template), { throwIfNoEntry: false })?.isDirectory() ?? false;
  return folder ? `${template}/index.njk` : `${template}.njk`;
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
  const render = renderers.get(ctx);
  if (!render) throw new Error(`renderPage(${template}) on a route without pageViews`);
  ctx.set('Content-Security-Policy', PAGE_POLICY);
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Cache-Control', 'no-store');
  const html = await render(template, locals);
  ctx.type = 'text/html';
  ctx.body = html;
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
