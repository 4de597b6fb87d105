import { Secret, TOTP } from 'otpauth';
import type { CookieJar } from './cookie-jar.js';
import { csrfTokenOf } from './sso-flow.js';

/** The code an authenticator app holding `secret` (as the page shows it, in groups) shows at `at` (ms since the epoch). */
export function totpCodeAt(secret: string, at: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')) }).generate({ timestamp: at });
}

/** The secret a second-step or account page shows while enrolling. */
export function shownTotpSecret(html: string): string {
  const match = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!match?.[1]) throw new Error(`no TOTP secret on the page:\n${html}`);
  return match[1].replace(/\s/g, '');
}

/** The recovery codes a page shows once. */
export function shownRecoveryCodes(html: string): string[] {
  return [...html.matchAll(/<li><code>([0-9A-Z-]+)<\/code><\/li>/g)].map((match) => match[1] ?? '');
}

/** Enrols an authenticator app from the account page of a logged-in browser, at the clock's time `at`. */
export async function enrollFromAccount(
  jar: CookieJar,
  baseUrl: string,
  at: number,
): Promise<{ secret: string; recoveryCodes: string[]; response: Response }> {
  const page = await jar.fetch(`${baseUrl}/account/totp/`);
  const html = await page.text();
  const secret = shownTotpSecret(html);
  const response = await jar.post(`${baseUrl}/account/totp/`, {
    _csrf: csrfTokenOf(html),
    name: 'phone',
    code: totpCodeAt(secret, at),
  });
  const shown = await response.clone().text();
  return { secret, recoveryCodes: shownRecoveryCodes(shown), response };
}

/** Posts the second step's form shown in `html` with `code`. */
export function answerSecondStep(jar: CookieJar, url: string, html: string, code: string, extra: Record<string, string> = {}) {
  return jar.post(url, { _csrf: csrfTokenOf(html), action: 'second-step', code, ...extra });
}
