import type { Router, RouterMiddleware } from '@koa/router';
import type { AdminOutput } from '../../../application/admin/admin-operations.js';
import { masksOf, termsOf } from '../../../application/admin/reader-rule-summary.js';
import { READER_CHECK_NAMES } from '../../../application/admin/reader-trial.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { userChoices } from './choices.routes.js';
import { field, formOutcome, renderAdmin, repeatedField, type FormRefusal } from './admin-view.js';

/** The "try as user" form as typed: `username` '' stands for an API key bound to no user, null for none chosen yet. */
interface TrialForm {
  username: string | null;
  database: string;
  collection: string;
  command: string;
  criteria: string;
}

const TRIAL_FIELDS = [
  'username',
  'database',
  'collection',
  'command',
  'criteria',
] as const satisfies readonly (keyof TrialForm)[];

/**
 * "MongoDB reader": the reader's policy in force, read-only, and a "try as user" form that says
 * which rule allows or refuses a query and why. A try is a POST (so that only a staff user's own
 * form, never a link or an image on another site, makes the installation's module run), and not an
 * audited change: it changes nothing and reads no document.
 */
export function readerPages(router: Router<BaseState>, pages: readonly RouterMiddleware<PageState>[]): void {
  async function show(
    ctx: PageContext,
    form: TrialForm,
    trial: AdminOutput<'tryReaderQuery'> | null,
    refusal?: FormRefusal,
  ): Promise<void> {
    const { services } = adminRequest(ctx);
    const [policy, users] = await Promise.all([services.showReaderPolicy.execute({}), userChoices(services, undefined, false)]);
    await renderAdmin(
      ctx,
      'reader',
      'reader',
      {
        policy: {
          ...policy,
          rules: policy.rules.map((rule) => ({
            ...rule,
            terms: termsOf(
              Object.entries(rule.pin).map(([path, value]) => [path, JSON.stringify(value)] as const),
              rule.hiddenFields,
              rule.maxLimit,
              masksOf(rule.mask),
            ),
            decides: trial?.rule?.index === rule.index,
          })),
        },
        users,
        form,
        trial: trial && { ...trial, refusedByName: trial.refusedBy && READER_CHECK_NAMES[trial.refusedBy] },
        error: refusal?.message ?? null,
      },
      refusal?.status ?? 200,
    );
  }

  /** The form, blank or filled in from the query (a link can prepare a try; it never runs one). */
  async function blank(ctx: PageContext): Promise<void> {
    const given = (name: keyof TrialForm): string | null => {
      const value = ctx.query[name];
      return typeof value === 'string' ? value : null;
    };
    const form = {
      username: given('username'),
      database: given('database') ?? '',
      collection: given('collection') ?? '',
      command: given('command') ?? 'find',
      criteria: given('criteria') ?? '',
    };
    await show(ctx, form, null);
  }

  async function tryQuery(ctx: PageContext): Promise<void> {
    const { form } = ctx.state;
    const typed: TrialForm = {
      username: field(form, 'username'),
      // As typed: the reader takes its names from the URL untrimmed, so a try of `db1 ` must be refused as the reader refuses it.
      database: field(form, 'database'),
      collection: field(form, 'collection'),
      command: field(form, 'command'),
      criteria: field(form, 'criteria'),
    };
    // The reader refuses a parameter given twice; a try must not quietly take one of the copies.
    const repeated = repeatedField(form, TRIAL_FIELDS);
    if (repeated !== null) return show(ctx, typed, null, { message: `${repeated} is given more than once`, status: 400 });
    const { username, ...query } = typed;
    const outcome = await formOutcome(
      adminRequest(ctx).services.tryReaderQuery.executeUntyped(username === '' ? query : { username, ...query }),
    );
    if ('refusal' in outcome) return show(ctx, typed, null, outcome.refusal);
    await show(ctx, typed, outcome.value);
  }

  router.get<PageState>('/admin/reader/', ...pages, blank);
  router.post<PageState>('/admin/reader/', ...pages, tryQuery);
}
