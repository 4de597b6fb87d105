import { z } from 'zod';
import type { RouteDocs } from '../openapi/route-docs.js';

/**
 * What `/openapi.json` says of the reader's JSON routes. They read their query through the reader's
 * own parsers (Extended JSON, names, limits: the domain's rules, which give the messages clients
 * see), so the schemas here describe those parameters rather than check them.
 */
const namespace = {
  db: z.string().describe('The database, by MongoDB’s naming rules'),
  col: z.string().describe('The collection, by MongoDB’s naming rules'),
};
const criteria = z
  .string()
  .describe('The filter, as MongoDB Extended JSON: {"disable": true}; code-running operators are refused');
const sort = z.string().describe('The sort, as Extended JSON: {"name": -1}');
const fields = z.string().describe('The projection, as Extended JSON of 0, 1, true or false per field');
const answered = (what: z.ZodType) =>
  z.object({ ok: z.literal(1), span: z.number().describe('Seconds the query took') }).extend({ result: what });
const refusals = {
  400: { description: 'Bad input: bad JSON, a bad name, an operator that is not allowed, a limit that is not a number' },
  401: { description: 'Nobody is authenticated: neither a signed request nor a logged-in browser' },
  403: { description: '`permission disallowed`: the reader policy refuses the query' },
  503: { description: 'The document source does not answer' },
} as const;

function readerRoute(summary: string, input: z.ZodRawShape, result: z.ZodType): RouteDocs {
  return {
    summary,
    tags: ['MongoDB reader'],
    input: z.object(input),
    inputIn: 'query',
    responses: { 200: { description: 'The answer, in dj-mongo-reader’s shape', schema: answered(result) }, ...refusals },
  };
}

export const readerApiDocs = {
  find: readerRoute(
    'Find documents (relaxed Extended JSON)',
    {
      ...namespace,
      criteria: criteria.optional(),
      fields: fields.optional(),
      sort: sort.optional(),
      skip: z.string().regex(/^\d+$/).optional().describe('Documents to skip'),
      limit: z.string().regex(/^\d+$/).optional().describe('At most this many documents: 50 by default, capped by the policy'),
    },
    z.array(z.record(z.string(), z.unknown())),
  ),
  count: readerRoute('Count the documents a filter matches', { ...namespace, criteria: criteria.optional() }, z.number().int()),
  status: readerRoute(
    'Collection statistics: count, size, average object size, storage size, indexes',
    namespace,
    z.record(z.string(), z.unknown()),
  ),
  overview: readerRoute(
    'Field overview of a sample: each field’s types, presence and most frequent values',
    { ...namespace, criteria: criteria.optional() },
    z.object({ sampled: z.number().int(), fields: z.array(z.record(z.string(), z.unknown())) }),
  ),
  explain: readerRoute(
    'Which rule of the policy allows or refuses a query, and why',
    { ...namespace, command: z.enum(['find', 'count', 'status', 'export']).optional(), criteria: criteria.optional() },
    z.record(z.string(), z.unknown()),
  ),
  collections: readerRoute('The collections the caller may read', {}, z.array(z.object({ db: z.string(), col: z.string() }))),
  export: {
    ...readerRoute(
      'Export documents as CSV (RFC 4180, formula cells neutralised), streamed',
      {
        ...namespace,
        criteria: criteria.optional(),
        sort: sort.optional(),
        projection: fields.optional(),
        exportfn: z.string().optional().describe('The file name to offer: name.csv'),
      },
      z.never(),
    ),
    responses: { 200: { description: 'text/csv: a header row of display names, then one row per document' }, ...refusals },
  },
} satisfies Record<string, RouteDocs>;
