import { Router, type RouterMiddleware } from '@koa/router';
import type { AuthorizeReaderQuery } from '../../../application/reader/authorize-reader-query.js';
import type { ListReadableCollections } from '../../../application/reader/list-readable-collections.js';
import type { ReaderCaller } from '../../../application/reader/reader-caller.js';
import type { SummarizeFields } from '../../../application/reader/summarize-fields.js';
import { isAdminUser } from '../../../domain/admin/staff.js';
import { isDomainError } from '../../../domain/errors.js';
import type { FieldMask, MaskKind } from '../../../domain/reader/field-mask.js';
import { isWithin } from '../../../domain/reader/field-path.js';
import type { UserDirectory } from '../../../domain/users/user-directory.port.js';
import type { FieldOverview } from '../../../domain/reader/field-overview.js';
import type { Namespace } from '../../../domain/reader/namespace.js';
import { EMPTY_DOCUMENT, type ReaderDocument } from '../../../domain/reader/reader-value.js';
import { renderPage } from '../pages/page-views.js';
import type { BaseState, PageContext, PageState, SignetRouter } from '../signet-context.js';
import { overviewValuesJson, overviewView } from './overview-chart.js';
import {
  columnsText,
  defaultColumns,
  exportProjection,
  pageQuery,
  parseColumns,
  ROWCOUNT_CHOICES,
  type PageQuery,
} from './page-query.js';

export interface ReaderPageDeps {
  config: { demo: boolean };
  listReadableCollections: ListReadableCollections;
  summarizeFields: SummarizeFields;
  /** Who is logged in, for the header's link to the admin (staff only). */
  userDirectory: UserDirectory;
  /** Which fields the allowing rule masks, for the columns' "masked" badges. */
  authorizeReaderQuery: Pick<AuthorizeReaderQuery, 'explain'>;
}

/**
 * `GET /mongo/`: the reader's page, for a browser logged in on the provider. The form reloads the
 * page (a GET, so every view has a URL); the table is filled in by /assets/reader.js from the JSON
 * routes; the field overview is drawn here, its charts as SVG. Errors are shown in place.
 */
export function readerPageRoutes(deps: ReaderPageDeps, pages: readonly RouterMiddleware<PageState>[]): SignetRouter {
  const router = new Router<BaseState>();

  // `/mongo` without the slash matches too.
  router.get<PageState>('/mongo', ...pages, async (ctx: PageContext) => {
    const username = ctx.state.session.current?.username;
    if (username === undefined) {
      ctx.status = 303;
      ctx.redirect(`/login/?${new URLSearchParams({ next: `${ctx.path}${ctx.search}` }).toString()}`);
      return;
    }
    const caller: ReaderCaller = { username, via: 'session' };
    const readable = await deps.listReadableCollections.execute(caller);
    const query = pageQuery(ctx.query, readable);
    const overview = query.namespace ? await overviewOf(deps, caller, query.namespace, query.criteria) : null;
    let formError: string | null = null;
    let columns = defaultColumns(overview?.result ?? null);
    try {
      if (query.columnsText !== '') columns = parseColumns(query.columnsText);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      formError = error.message;
    }
    const masks = query.namespace ? await masksOf(deps, caller, query.namespace) : [];
    const maskOf = (path: string) => masks.find((mask) => isWithin(path, mask.path))?.kind ?? null;
    await renderPage(ctx, 'reader/index', {
      currentUser: username,
      isStaff: isAdminUser(await deps.userDirectory.findByUsername(username)),
      csrfToken: ctx.state.csrfToken(),
      page: query.page,
      demo: deps.config.demo,
      collections: readable.map((namespace) => ({
        ns: nsText(namespace),
        selected: query.namespace !== null && nsText(namespace) === nsText(query.namespace),
      })),
      selected: query.namespace,
      db: query.namespace?.database ?? null,
      col: query.namespace?.collection ?? null,
      criteria: query.criteria,
      sort: query.sort,
      rowcount: query.rowcount,
      rowcountChoices: [...new Set([...ROWCOUNT_CHOICES, query.rowcount])].sort((a, b) => a - b),
      columns: columns.map((column) => column.path),
      columnNames: Object.fromEntries(columns.map((column) => [column.path, column.title])),
      columnsText: columnsText(columns),
      maskedColumns: Object.fromEntries(
        columns.flatMap((column) => {
          const kind = maskOf(column.path);
          return kind === null ? [] : [[column.path, kind]];
        }),
      ),
      formError,
      exportHref: query.namespace ? exportHref(query.namespace, query, exportProjection(columns)) : null,
      overview: overview?.result ? overviewPage(overview.result, overview.spanMs, overview.criteria, query, maskOf) : null,
      overviewError: overview?.error ?? null,
    });
  });
  return router;
}

async function overviewOf(
  deps: ReaderPageDeps,
  caller: ReaderCaller,
  namespace: Namespace,
  criteria: string,
): Promise<{ result: FieldOverview | null; spanMs: number; criteria: ReaderDocument; error: string | null }> {
  try {
    const summary = await deps.summarizeFields.execute(caller, { ...namespace, parameters: { criteria } });
    return { result: summary.result, spanMs: summary.spanMs, criteria: summary.criteria.document, error: null };
  } catch (error) {
    // A refusal (bad criteria, no permission, the source unavailable) is shown beside the form.
    if (!isDomainError(error)) throw error;
    return { result: null, spanMs: 0, criteria: EMPTY_DOCUMENT, error: error.message };
  }
}

function overviewPage(
  result: FieldOverview,
  spanMs: number,
  criteria: ReaderDocument,
  query: PageQuery,
  maskOf: (path: string) => MaskKind | null,
) {
  const fields = overviewView(result, criteria, (narrowed) => pageUrl(query, narrowed));
  return {
    sampled: result.sampled,
    span: (spanMs / 1000).toFixed(3),
    fields: fields.map((field) => ({ ...field, masked: maskOf(field.path) })),
    values: overviewValuesJson(fields),
  };
}

/** The masks of the rule that allows this user's finds here; none where none is set or the find is refused. */
async function masksOf(deps: ReaderPageDeps, caller: ReaderCaller, namespace: Namespace): Promise<readonly FieldMask[]> {
  const { decision } = await deps.authorizeReaderQuery.explain(caller, { namespace, command: 'find' });
  return decision.allowed ? (decision.permit.masks ?? []) : [];
}

function nsText(namespace: Namespace): string {
  return `${namespace.database}.${namespace.collection}`;
}

/** This page with the same form, other criteria: where a chart's bar leads. */
function pageUrl(query: PageQuery, criteria: string): string {
  const params = new URLSearchParams({ criteria, sort: query.sort, rowcount: String(query.rowcount) });
  if (query.namespace) params.set('ns', nsText(query.namespace));
  if (query.columnsText !== '') params.set('columns', query.columnsText);
  return `/mongo/?${params.toString()}`;
}

function exportHref(namespace: Namespace, query: PageQuery, projection: string): string {
  const params = new URLSearchParams({
    criteria: query.criteria,
    sort: query.sort,
    projection,
    exportfn: `${namespace.collection}.csv`,
  });
  return `/mongo/${encodeURIComponent(namespace.database)}/${encodeURIComponent(namespace.collection)}/exportcsv/?${params.toString()}`;
}
