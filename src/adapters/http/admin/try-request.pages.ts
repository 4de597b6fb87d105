import { randomBytes } from 'node:crypto';
import type { Router, RouterMiddleware } from '@koa/router';
import { z } from 'zod';
import type { SignAsKey } from '../../../application/admin/sign-as-key.js';
import { describeProblem } from '../../../application/admin/admin-operations.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { keyChoices } from './choices.routes.js';
import { field, formOutcome, renderAdmin, type FormRefusal } from './admin-view.js';
import { signTrial, type SignedTrial, type Trial } from './trial-request.js';

const trialSchema = z.object({
  apiKey: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'choose a key' }),
  protocol: z.enum(['v1', 'v2'], { error: 'is v1 or v2' }),
  method: z.string().regex(/^[A-Z]{1,16}$/, { error: 'is an HTTP method in capitals, such as GET' }),
  url: z
    .string()
    .max(4096)
    .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), {
      error: 'is an absolute http(s) URL: its host is signed',
    }),
  body: z.string().max(65_536, { error: 'is at most 64 KiB here' }),
  contentType: z
    .string()
    .max(200)
    .regex(/^[^\r\n]*$/, { error: 'is one line' }),
});

/**
 * "Try a request": signs a request as a chosen key, server-side, and shows what the server will
 * compute for it (the canonical string), the signature, and the request as curl, Python and
 * TypeScript. The SEC key is never shown; each use is in the audit log.
 */
export function tryRequestPages(
  router: Router<BaseState>,
  pages: readonly RouterMiddleware<PageState>[],
  signAsKey: Pick<SignAsKey, 'execute'>,
): void {
  async function show(ctx: PageContext, trial: Trial, signed: SignedTrial | null, refusal?: FormRefusal): Promise<void> {
    const { services, guard } = adminRequest(ctx);
    // A first page of the keys this staff user could sign as: the field takes any key, and offers more as it is typed into.
    const keys = await keyChoices(services, guard, undefined);
    await renderAdmin(
      ctx,
      'try',
      'try',
      {
        trial,
        keys,
        signed,
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  async function blank(ctx: PageContext): Promise<void> {
    const apiKey = typeof ctx.query.apiKey === 'string' ? ctx.query.apiKey : '';
    const url = `${ctx.protocol}://${ctx.host}/api/hello/`;
    await show(ctx, { apiKey, protocol: 'v2', method: 'GET', url, body: '', contentType: '' }, null);
  }

  async function sign(ctx: PageContext): Promise<void> {
    const { form } = ctx.state;
    const trial: Trial = {
      apiKey: field(form, 'apiKey'),
      protocol: field(form, 'protocol') === 'v1' ? 'v1' : 'v2',
      method: field(form, 'method').trim().toUpperCase(),
      url: field(form, 'url').trim(),
      body: field(form, 'body'),
      contentType: field(form, 'contentType').trim(),
    };
    const checked = trialSchema.safeParse({ ...trial, protocol: field(form, 'protocol') });
    if (!checked.success) return show(ctx, trial, null, { message: describeProblem(checked.error, trial), status: 400 });
    const nonce = randomBytes(16).toString('base64url');
    const { actor, guard } = adminRequest(ctx);
    // Signing as a key is acting as it: only for a key the staff user could manage.
    const outcome = await formOutcome(
      guard
        .checkKey(trial.apiKey)
        .then(() => signAsKey.execute(actor, trial, (secretKey, now) => signTrial(trial, secretKey, now, nonce))),
    );
    if ('refusal' in outcome) return show(ctx, trial, null, outcome.refusal);
    await show(ctx, trial, outcome.value);
  }

  router.get<PageState>('/admin/try/', ...pages, blank);
  router.post<PageState>('/admin/try/', ...pages, sign);
}
