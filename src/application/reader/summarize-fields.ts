import type { Clock } from '../../domain/shared/clock.port.js';
import type { DocumentSource } from '../../domain/reader/document-source.port.js';
import { overviewFields, type FieldOverview } from '../../domain/reader/field-overview.js';
import { permittedSample, visible } from '../../domain/reader/permitted-query.js';
import type { ReaderLimits } from '../../domain/reader/reader-limits.js';
import { parseCriteriaRequest, type Criteria, type RawReaderRequest } from '../../domain/reader/reader-request.js';
import type { AuthorizeReaderQuery } from './authorize-reader-query.js';
import type { ReaderCaller, Timed } from './reader-caller.js';

export interface SummarizeFieldsDeps {
  authorizeReaderQuery: AuthorizeReaderQuery;
  documentSource: DocumentSource;
  clock: Clock;
  config: { reader: { limits: ReaderLimits } };
}

/**
 * The field overview: for the criteria, a sample of the first matching documents (as many as the
 * configuration and the rule allow one query to return) and, for each field, its types, how often
 * it is present and its commonest values. Sampling is a find, so it needs what a find needs.
 */
export class SummarizeFields {
  constructor(private readonly deps: SummarizeFieldsDeps) {}

  async execute(caller: ReaderCaller, raw: RawReaderRequest): Promise<Timed<FieldOverview> & { criteria: Criteria }> {
    const { authorizeReaderQuery, documentSource, clock, config } = this.deps;
    const { namespace, criteria } = parseCriteriaRequest(raw);
    const { permit } = await authorizeReaderQuery.execute(caller, { namespace, command: 'find', criteria: criteria.document });
    const query = permittedSample(namespace, criteria, permit, config.reader.limits);
    const started = clock.now();
    const sample = await documentSource.find(query);
    const spanMs = clock.now() - started;
    return { result: overviewFields(sample.map((document) => visible(document, permit))), spanMs, criteria };
  }
}
