import { fileURLToPath } from 'node:url';
import type { Context } from 'koa';
import nunjucks from 'nunjucks';

const VIEWS = fileURLToPath(new URL('./views/', import.meta.url));

/** The pages carry no script, no style and no frame; they are never cached. */
const POLICY = "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const titles: Readonly<Record<number, string>> = {
  400: 'This sign-in link is not valid',
  401: 'Please log in',
  403: 'Sign-in refused',
  502: 'The login service is unavailable',
  503: 'Sign-in is unavailable',
};

/**
 * The few pages the SSO client answers itself (a refused or failed login), rendered by nunjucks
 * with autoescaping: the message may hold a provider's words, and is shown as text.
 */
export class ClientPages {
  private readonly environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS), { autoescape: true });

  /** Answers `status` with a short page saying `message`, and a link to log in again when one is given. */
  render(ctx: Context, status: number, message: string, loginUrl: string | null): void {
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', POLICY);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cache-Control', 'no-store');
    const title = titles[status] ?? (status >= 500 ? 'Something went wrong' : 'Cannot continue');
    ctx.body = this.environment.render('message.njk', { title, message, loginUrl });
  }
}
