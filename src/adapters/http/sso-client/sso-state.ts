import type { SsoUser } from '../../../domain/sso-client/sso-user.js';

/** What the SSO client's middleware leaves on `ctx.state` for every request of the app. */
export interface SsoState {
  /** The user logged in at the app, as the provider sent it at the login; null for a visitor. */
  user: SsoUser | null;
  sso: SsoHelpers;
}

/** What a page needs to offer logging in and out. */
export interface SsoHelpers {
  /** The login route, coming back to `next` (by default the page being served) once logged in. */
  loginUrl(next?: string): string;
  /** Where a logout form posts to. */
  readonly logoutPath: string;
  /** A token for the logout form's hidden `_csrf` field (or an `X-CSRF-Token` header); null for a visitor. */
  csrfToken(): string | null;
}
