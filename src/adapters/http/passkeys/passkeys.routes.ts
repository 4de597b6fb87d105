import { Router, type RouterMiddleware } from '@koa/router';
import type { BeginPasskeyRegistration } from '../../../application/passkeys/begin-passkey-registration.js';
import type { BeginPasskeySignIn } from '../../../application/passkeys/begin-passkey-sign-in.js';
import type { FinishPasskeyRegistration } from '../../../application/passkeys/finish-passkey-registration.js';
import type { ListPasskeys } from '../../../application/passkeys/list-passkeys.js';
import type { RemovePasskey } from '../../../application/passkeys/remove-passkey.js';
import type { RenamePasskey } from '../../../application/passkeys/rename-passkey.js';
import { passkeyErrors, PasskeyError } from '../../../domain/passkeys/passkey.errors.js';
import type { UserDirectory } from '../../../domain/users/user-directory.port.js';
import { clientAddress } from '../client-address.js';
import { statusFor } from '../error-status.js';
import { renderPage } from '../pages/page-views.js';
import type { BaseState, PageContext, PageState, SignetRouter } from '../signet-context.js';
import { setPasskeyBinding, takePasskeyBinding } from './passkey-binding-cookie.js';
import { PASSKEY_FIELD } from './passkey-sign-in-form.js';
import { passkeyRows } from './passkey-rows.js';

export interface PasskeysRoutesDeps {
  config: { trustProxy: boolean; passkeys: { relyingParty: unknown } };
  beginPasskeySignIn: BeginPasskeySignIn;
  beginPasskeyRegistration: BeginPasskeyRegistration;
  finishPasskeyRegistration: FinishPasskeyRegistration;
  listPasskeys: ListPasskeys;
  renamePasskey: RenamePasskey;
  removePasskey: RemovePasskey;
  userDirectory: UserDirectory;
}

/** Where the user manages their passkeys, and where the forms send them back to. */
export const PASSKEYS_PAGE = '/account/passkeys/';

/**
 * Passkeys over HTTP: the challenges the browser script asks for (`POST /passkeys/.../options/`,
 * answering JSON, CSRF-checked like any form), and the user's passkeys under `/account/passkeys/`
 * (list, register, rename, remove: POSTs carrying a CSRF token, then back to the list). Signing in
 * with a passkey is done by each login page's own form (see passkey-sign-in-form.ts).
 */
export function passkeysRoutes(deps: PasskeysRoutesDeps, pages: readonly RouterMiddleware<PageState>[]): SignetRouter {
  const router = new Router<BaseState>();

  function requireUser(ctx: PageContext): string {
    const username = ctx.state.session.current?.username;
    if (username === undefined) throw passkeyErrors.loginRequired();
    return username;
  }

  async function signInOptions(ctx: PageContext): Promise<void> {
    const { options, binding } = await deps.beginPasskeySignIn.execute(clientAddress(ctx, deps.config.trustProxy));
    setPasskeyBinding(ctx, binding);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { options };
  }

  async function registrationOptions(ctx: PageContext): Promise<void> {
    const username = requireUser(ctx);
    const user = await deps.userDirectory.findByUsername(username);
    const displayName = user === null ? username : `${user.firstName} ${user.lastName}`.trim() || username;
    const { options, binding } = await deps.beginPasskeyRegistration.execute({ username, displayName });
    setPasskeyBinding(ctx, binding);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { options };
  }

  async function showPasskeys(ctx: PageContext, failure?: PasskeyError): Promise<void> {
    const username = ctx.state.session.current?.username ?? null;
    if (username === null) {
      ctx.status = 303;
      ctx.redirect(`/login/?next=${encodeURIComponent(PASSKEYS_PAGE)}`);
      return;
    }
    await renderPage(
      ctx,
      'passkeys/index',
      {
        currentUser: username,
        csrfToken: ctx.state.csrfToken(),
        passkeysOffered: deps.config.passkeys.relyingParty !== null,
        passkeys: passkeyRows(await deps.listPasskeys.execute(username)),
        error: failure?.message ?? null,
      },
      failure ? statusFor(failure) : 200,
    );
  }

  /** Runs a change, then back to the list; a refusal is shown on it. */
  async function change(ctx: PageContext, work: (username: string) => Promise<unknown>): Promise<void> {
    const username = requireUser(ctx);
    try {
      await work(username);
    } catch (error) {
      if (error instanceof PasskeyError) return showPasskeys(ctx, error);
      throw error;
    }
    ctx.status = 303;
    ctx.redirect(ctx.state.form.get('back') === '/account/' ? '/account/' : PASSKEYS_PAGE);
  }

  router.post<PageState>('/passkeys/sign-in/options/', ...pages, signInOptions);
  router.post<PageState>('/passkeys/register/options/', ...pages, registrationOptions);
  router.get<PageState>(PASSKEYS_PAGE, ...pages, (ctx) => showPasskeys(ctx));
  router.post<PageState>(PASSKEYS_PAGE, ...pages, (ctx) =>
    change(ctx, (username) =>
      deps.finishPasskeyRegistration.execute({
        username,
        binding: takePasskeyBinding(ctx),
        response: ctx.state.form.get(PASSKEY_FIELD) ?? '',
        name: ctx.state.form.get('name') ?? '',
      }),
    ),
  );
  router.post<PageState>(`${PASSKEYS_PAGE}rename/`, ...pages, (ctx) =>
    change(ctx, (username) =>
      deps.renamePasskey.execute(username, ctx.state.form.get('id') ?? '', ctx.state.form.get('name') ?? ''),
    ),
  );
  router.post<PageState>(`${PASSKEYS_PAGE}remove/`, ...pages, (ctx) =>
    change(ctx, (username) => deps.removePasskey.execute(username, ctx.state.form.get('id') ?? '')),
  );
  return router;
}
