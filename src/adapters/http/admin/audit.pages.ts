import type { Router, RouterMiddleware } from '@koa/router';
import type { AuditEntry } from '../../../domain/admin/audit-entry.js';
import { AUDIT_ACTIONS } from '../../../domain/admin/audit-entry.js';
import { API_AUTH_REFUSAL_NAMES, type ApiAuthErrorCode } from '../../../domain/api-auth/api-auth.errors.js';
import type { BaseState, PageContext, PageState } from '../signet-context.js';
import { adminRequest } from './admin-page-state.js';
import { formOutcome, renderAdmin, shownTime } from './admin-view.js';

const AUDIT_FILTERS = ['actor', 'action', 'target', 'via', 'since', 'until', 'before'] as const;
const FAILURE_FILTERS = ['apiKey', 'reason', 'since', 'until'] as const;

/** The audit log, a page at a time, filtered; and the refused signed requests, summed per key and reason. */
export function auditPages(router: Router<BaseState>, pages: readonly RouterMiddleware<PageState>[]): void {
  async function entries(ctx: PageContext): Promise<void> {
    const filter = queryOf(ctx, AUDIT_FILTERS);
    const outcome = await formOutcome(adminRequest(ctx).services.listAudit.executeUntyped(filter));
    const page = 'value' in outcome ? outcome.value : { entries: [], next: null };
    const { before: _before, ...kept } = filter;
    await renderAdmin(
      ctx,
      'audit',
      'audit',
      {
        filter,
        actions: AUDIT_ACTIONS,
        entries: page.entries.map(entryRow),
        older: page.next === null ? null : `/admin/audit/?${new URLSearchParams({ ...kept, before: page.next }).toString()}`,
        error: 'refusal' in outcome ? outcome.refusal.message : null,
      },
      'refusal' in outcome ? outcome.refusal.status : 200,
    );
  }

  async function failures(ctx: PageContext): Promise<void> {
    const filter = queryOf(ctx, FAILURE_FILTERS);
    const outcome = await formOutcome(adminRequest(ctx).services.listFailures.executeUntyped(filter));
    const sums = 'value' in outcome ? outcome.value : [];
    await renderAdmin(
      ctx,
      'failures',
      'audit',
      {
        filter,
        reasons: Object.entries(API_AUTH_REFUSAL_NAMES).map(([code, name]) => ({ code, name })),
        failures: sums.map((sum) => ({
          ...sum,
          key: sum.apiKey ?? '(unknown)',
          reasonName: reasonName(sum.reason),
          first: shownTime(sum.firstAt),
          last: shownTime(sum.lastAt),
        })),
        error: 'refusal' in outcome ? outcome.refusal.message : null,
      },
      'refusal' in outcome ? outcome.refusal.status : 200,
    );
  }

  router.get<PageState>('/admin/audit/', ...pages, entries);
  router.get<PageState>('/admin/audit/failures', ...pages, failures);
}

/** The named query parameters that were given a value (the first, if repeated). */
function queryOf<Name extends string>(ctx: PageContext, names: readonly Name[]): Partial<Record<Name, string>> {
  const given: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const raw = ctx.query[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== '') given[name] = value.trim();
  }
  return given;
}

function entryRow(entry: AuditEntry) {
  return {
    ...entry,
    when: shownTime(entry.at),
    details: Object.entries(entry.details).map(([name, value]) => ({
      name,
      value: Array.isArray(value) ? value.join(', ') || '(none)' : value === null ? '(none)' : String(value),
    })),
  };
}

function reasonName(code: string): string {
  return Object.hasOwn(API_AUTH_REFUSAL_NAMES, code) ? API_AUTH_REFUSAL_NAMES[code as ApiAuthErrorCode] : code;
}
