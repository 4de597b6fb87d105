import type { SsoUser } from 'signet/sso-client';

/** Escapes text for HTML: every value a page shows goes through here. */
function escape(value: string | null | undefined): string {
  return (value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The home page: a "Log in" link for a visitor; who is logged in, and a "Log out" button, for a user. */
export function homePage(
  user: SsoUser | null,
  login: { url: string },
  logout: { path: string; csrfToken: string | null },
): string {
  if (!user) {
    return layout(
      'Demo app',
      `<h1>Demo app</h1>
<p>You are not logged in.</p>
<p><a href="${escape(login.url)}">Log in</a></p>
<p><a href="/private/">A page for logged-in users</a></p>`,
    );
  }
  return layout(
    'Demo app',
    `<h1>Hello, ${escape(user.username)}</h1>
<dl>
  <dt>Username</dt><dd id="username">${escape(user.username)}</dd>
  <dt>First name</dt><dd id="first-name">${escape(user.first_name)}</dd>
  <dt>Last name</dt><dd id="last-name">${escape(user.last_name)}</dd>
  <dt>Email</dt><dd id="email">${escape(user.email)}</dd>
  <dt>Last login</dt><dd id="last-login">${escape(user.last_login ?? 'never')}</dd>
</dl>
<form method="post" action="${escape(logout.path)}">
  <input type="hidden" name="_csrf" value="${escape(logout.csrfToken)}">
  <button type="submit">Log out</button>
</form>
<p><a href="/private/">A page for logged-in users</a></p>`,
  );
}

/** The page behind requireLogin(). */
export function privatePage(user: SsoUser): string {
  return layout(
    'Private page',
    `<h1>Private page</h1>
<p>Only logged-in users see this page. You are <strong>${escape(user.username)}</strong>.</p>
<p><a href="/">Home</a></p>`,
  );
}
