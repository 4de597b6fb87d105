import { failureOf } from '../failure.js';
import { renderPage } from '../pages/page-views.js';
import type { PageContext } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';

/** The admin's sections, for the navigation bar. */
export type AdminSection = 'keys' | 'entry-points' | 'sso-hosts' | 'users' | 'audit' | 'try' | 'reader' | 'oidc-clients' | 'apps';

/**
 * Answers with an admin page: the template sees `locals` and what every admin page shows (who is
 * logged in, the section, a CSRF token for its forms). Headers are those of every page: a CSP with no
 * inline script, no framing, no caching.
 */
export async function renderAdmin(
  ctx: PageContext,
  template: string,
  section: AdminSection | null,
  locals: Readonly<Record<string, unknown>>,
  status = 200,
): Promise<void> {
  const { staff } = adminRequest(ctx);
  await renderPage(
    ctx,
    `admin/${template}`,
    { ...locals, staff: staff.username, section, csrfToken: ctx.state.csrfToken() },
    status,
  );
}

/** What a refused admin form is shown again with. */
export interface FormRefusal {
  readonly message: string;
  readonly status: number;
}

/**
 * Runs the operation behind a form. A refusal the person can act on (bad input, an unknown user, a
 * revoked key) comes back as its message and status, for the page to show again with the form;
 * anything else (a lost backend, a bug) is thrown, for the error page.
 */
export async function formOutcome<T>(work: Promise<T>): Promise<{ value: T } | { refusal: FormRefusal }> {
  try {
    return { value: await work };
  } catch (error) {
    const failure = failureOf(error);
    if (!failure || failure.status >= 500) throw error;
    return { refusal: { message: failure.message, status: failure.status } };
  }
}

/** `2026-11-28 12:00:00 UTC`, or `fallback` when there is no time. */
export function shownTime(ms: number | null, fallback = '—'): string {
  if (ms === null) return fallback;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `2026-11-28`: what a date input holds. */
export function dateInputValue(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().slice(0, 10);
}

/** The first of `names` the form gives more than once, whose copies could be read either way; null when none is. */
export function repeatedField(form: URLSearchParams, names: readonly string[]): string | null {
  return names.find((name) => form.getAll(name).length > 1) ?? null;
}

/** A form field's text, '' when absent. */
export function field(form: URLSearchParams, name: string): string {
  return form.get(name) ?? '';
}

/** A whole number typed in a form as such; any other text is passed on for the operation's check to name. */
export function numberOrText(text: string): number | string {
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

/** Redirects after a change (303), so that a reload does not post the form again. */
export function seeOther(ctx: PageContext, location: string): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 303;
  ctx.redirect(location);
}
