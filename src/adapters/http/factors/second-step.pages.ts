import type { BeginSecondStep, PasswordPassed } from '../../../application/factors/begin-second-step.js';
import type { FinishSecondStep, LoginCompleted } from '../../../application/factors/finish-second-step.js';
import type { ShowSecondStep } from '../../../application/factors/show-second-step.js';
import { FactorError } from '../../../domain/factors/factors.errors.js';
import { PasskeyError } from '../../../domain/passkeys/passkey.errors.js';
import { UserError } from '../../../domain/users/user.errors.js';
import { clientAddress } from '../client-address.js';
import { statusFor } from '../error-status.js';
import { takePasskeyBinding } from '../passkeys/passkey-binding-cookie.js';
import { carriesPasskeyAnswer, PASSKEY_FIELD } from '../passkeys/passkey-sign-in-form.js';
import { renderPage } from '../pages/page-views.js';
import type { PageContext } from '../signet-context.js';
import { groupedSecret, qrSvgDataUri } from './qr-svg.js';
import { secondStepCookie } from './second-step-cookie.js';

export interface SecondStepDeps {
  config: { trustProxy: boolean };
  beginSecondStep: BeginSecondStep;
  showSecondStep: ShowSecondStep;
  finishSecondStep: FinishSecondStep;
}

/** The value of the `action` field the second step's forms post: every login page knows it. */
export const SECOND_STEP_ACTION = 'second-step';

/** Where a login page's second step is shown and posted. */
export interface SecondStepPage {
  /** Which login this is: a half-login finishes only the login it began in. */
  purpose: string;
  /** The URL the forms post to: the login page's own (an OpenID interaction's cookie is bound to its path). */
  action: string;
  /** Fields carried along from the login form (`next`). */
  hidden: Readonly<Record<string, string>>;
  /** Where to log in again when the half-login is gone. */
  restart: string;
}

/**
 * After a right password: starts the second step where one is due, and shows it. Resolves true when
 * it showed the second step (the login page is done with this request), false when the login needs
 * no second factor and the page completes it at once (with `amr` `["pwd"]`).
 */
export async function startSecondStep(
  ctx: PageContext,
  deps: SecondStepDeps,
  passed: PasswordPassed,
  page: SecondStepPage,
): Promise<boolean> {
  const started = await deps.beginSecondStep.execute(passed);
  if (started.kind === 'none') return false;
  await presentSecondStep(ctx, deps, started.id, page);
  return true;
}

/** Gives the browser the cookie of the half-login `id` (begun by a use case), and shows its step. */
export async function presentSecondStep(ctx: PageContext, deps: SecondStepDeps, id: string, page: SecondStepPage): Promise<void> {
  secondStepCookie.set(ctx, id);
  await showSecondStep(ctx, deps, page, { id });
}

/**
 * The second step's form posted: resolves the completed login, for the page to make its session or
 * grant from, or null when it answered the request itself (a wrong code shown again, the recovery
 * codes of a new factor, a half-login gone).
 */
export async function answerSecondStep(
  ctx: PageContext,
  deps: SecondStepDeps,
  page: SecondStepPage,
): Promise<LoginCompleted | null> {
  const { form } = ctx.state;
  const id = secondStepCookie.get(ctx);
  try {
    const outcome = await deps.finishSecondStep.execute({
      id,
      purpose: page.purpose,
      code: form.get('code') ?? '',
      name: form.get('name') ?? '',
      address: clientAddress(ctx, deps.config.trustProxy),
      passkey: carriesPasskeyAnswer(ctx) ? { binding: takePasskeyBinding(ctx), response: form.get(PASSKEY_FIELD) ?? '' } : null,
    });
    if (outcome.kind === 'recovery-codes') {
      await renderStep(ctx, page, { stage: 'enrolled', recoveryCodes: outcome.codes });
      return null;
    }
    secondStepCookie.clear(ctx);
    return outcome;
  } catch (error) {
    if (!(error instanceof FactorError) && !(error instanceof UserError) && !(error instanceof PasskeyError)) throw error;
    await showSecondStep(ctx, deps, page, { id, failure: error });
    return null;
  }
}

async function showSecondStep(
  ctx: PageContext,
  deps: SecondStepDeps,
  page: SecondStepPage,
  options: { id: string | undefined; failure?: FactorError | UserError | PasskeyError },
): Promise<void> {
  const { failure } = options;
  const view = await deps.showSecondStep.execute(options.id, page.purpose);
  if (failure?.details.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(failure.details.retryAfterSeconds));
  const status = failure ? statusFor(failure) : 200;
  if (view === null) {
    secondStepCookie.clear(ctx);
    await renderStep(ctx, page, { stage: 'expired', error: failure?.message ?? null }, failure ? status : 400);
    return;
  }
  await renderStep(
    ctx,
    page,
    {
      stage: view.stage,
      username: view.username,
      secondsLeft: view.secondsLeft,
      factorKinds: view.factorKinds,
      passkey: view.passkey,
      qrCode: view.enrollment ? await qrSvgDataUri(view.enrollment.uri) : null,
      secret: view.enrollment ? groupedSecret(view.enrollment.secret) : null,
      error: failure?.message ?? null,
    },
    status,
  );
}

function renderStep(ctx: PageContext, page: SecondStepPage, locals: Record<string, unknown>, status = 200): Promise<void> {
  return renderPage(
    ctx,
    'factors/second-step',
    {
      action: page.action,
      restart: page.restart,
      hidden: Object.entries(page.hidden),
      stepAction: SECOND_STEP_ACTION,
      csrfToken: ctx.state.csrfToken(),
      stage: 'factor',
      factorKinds: [],
      passkey: false,
      recoveryCodes: [],
      qrCode: null,
      secret: null,
      error: null,
      ...locals,
    },
    status,
  );
}
