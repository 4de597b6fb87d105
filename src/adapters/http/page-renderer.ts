import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Context } from 'koa';

/** Renders the provider's pages. */
export interface PageRenderer {
  /** The HTML of `template` (a path under the template directories, such as `sso/login.njk`). */
  render(template: string, context: Readonly<Record<string, unknown>>): Promise<string>;
}

export interface PageRendererOptions {
  /** Looked in before the built-in templates: a `sso/login.njk` there replaces the built-in one. */
  templatesDir?: string | undefined;
  /** Keep compiled templates; off in development so that edits show without a restart. */
  cacheTemplates: boolean;
}

/** The built-in templates, found next to this module wherever the code runs from. */
export const BUILT_IN_VIEWS = fileURLToPath(new URL('./views/', import.meta.url));

/**
 * A nunjucks environment over [templatesDir, built-in views], autoescaping on. koa-views is not used:
 * it reads the top template from one directory itself and only hands the text to nunjucks, so a
 * template in SSO_TEMPLATES_DIR could not replace a built-in one, and it copies all of `ctx.state`
 * (session, principal) into every template.
 */
export function createPageRenderer(options: PageRendererOptions): PageRenderer {
  const searchPaths = [...(options.templatesDir ? [options.templatesDir] : []), BUILT_IN_VIEWS];
  const loader = new nunjucks.FileSystemLoader(searchPaths, { noCache: !options.cacheTemplates });
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  return {
    render(template, context) {
      return new Promise((resolve, reject) => {
        environment.render(template, context, (error, html) => (error ? reject(error) : resolve(html ?? '')));
      });
    },
  };
}

/**
 * Answers with a rendered page. Every page refuses to be framed (the login forms would otherwise
 * invite clickjacking) and is never cached (they carry CSRF tokens and who is logged in).
 */
export async function sendPage(
  ctx: Context,
  renderer: PageRenderer,
  template: string,
  context: Readonly<Record<string, unknown>>,
  status = 200,
): Promise<void> {
  const html = await renderer.render(template, context);
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Cache-Control', 'no-store');
  ctx.body = html;
}
