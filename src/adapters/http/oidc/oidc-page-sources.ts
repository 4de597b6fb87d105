import type { KoaContextWithOIDC } from 'oidc-provider';
import { PAGE_POLICY } from '../pages/page-views.js';

/**
 * The pages the provider itself answers with (the logout question, the page after a logout, an
 * error), in Signet's layout and stylesheet, under the same CSP as Signet's own pages. Every value
 * from the request is escaped.
 */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const client = ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId;
  page(
    ctx,
    'Log out',
    `<h1>Log out</h1>
  <p>${client === undefined ? 'Log out of Signet?' : `<strong>${escapeHtml(client)}</strong> asks to log you out of Signet.`}</p>
  ${form}
  <button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Log out</button>
  <button type="submit" form="op.logoutForm" class="secondary">Stay logged in</button>`,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  page(ctx, 'Logged out', '<h1>Logged out</h1>\n  <p>You are logged out of Signet.</p>');
}

export async function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): Promise<void> {
  page(
    ctx,
    'Login refused',
    `<h1>This login cannot go on</h1>
  <p class="error" role="alert">${escapeHtml(out.error_description ?? out.error)}</p>
  <p class="muted">Error: ${escapeHtml(out.error)}. Go back to the application and start again.</p>`,
  );
}

function page(ctx: KoaContextWithOIDC, title: string, content: string): void {
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', PAGE_POLICY);
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Cache-Control', 'no-store');
  ctx.body = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="same-origin">
  <title>${escapeHtml(title)} · Signet</title>
  <link rel="stylesheet" href="/assets/signet.css">
</head>
<body>
  <header><a href="/">Signet</a><span>single sign-on</span></header>
  <main>
  ${content}
  </main>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
