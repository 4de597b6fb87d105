import type { Db } from 'mongodb';
import { z } from 'zod';
import type { CollectionStats } from '../../domain/reader/document-source.port.js';
import { namespaceText, type Namespace } from '../../domain/reader/namespace.js';
import { documentOf, type DocumentEntry, type ReaderDocument } from '../../domain/reader/reader-value.js';
import { isMissingNamespace, isUnknownStage } from './mongo-reader-failure.js';
import { fromBson } from './mongo-values.js';

/** The storage statistics both `$collStats` and `collStats` report, read through this schema. */
const storageStats = z.object({
  count: z.number().default(0),
  size: z.number().default(0),
  avgObjSize: z.number().default(0),
  storageSize: z.number().default(0),
  nindexes: z.number().default(0),
  totalIndexSize: z.number().default(0),
  indexSizes: z.record(z.string(), z.number()).default({}),
});

const collStatsStage = z.object({ storageStats });
/** The stage's answer as it came, for `reported`. */
const reportedStage = z.object({ storageStats: z.record(z.string(), z.unknown()) });

/**
 * A collection's statistics through the `$collStats` aggregation stage, which current servers
 * support; the `collStats` command (deprecated since 6.2) only where the stage is missing, on a
 * server older than 3.4. A collection that does not exist has zeros.
 */
export async function collectionStats(db: Db, namespace: Namespace, maxTimeMs: number): Promise<CollectionStats> {
  let stats: z.infer<typeof storageStats>;
  let reported: Record<string, unknown> = {};
  try {
    const [first] = await db
      .collection(namespace.collection)
      .aggregate([{ $collStats: { storageStats: {} } }], { maxTimeMS: maxTimeMs })
      .toArray();
    stats = first === undefined ? storageStats.parse({}) : collStatsStage.parse(first).storageStats;
    if (first !== undefined) reported = reportedStage.parse(first).storageStats;
  } catch (error) {
    if (isMissingNamespace(error)) stats = storageStats.parse({});
    else if (isUnknownStage(error)) {
      const { ok: _ok, ...answered } = await db.command({ collStats: namespace.collection, maxTimeMS: maxTimeMs });
      stats = storageStats.parse(answered);
      reported = answered;
    } else throw error;
  }
  return { ns: namespaceText(namespace), ...stats, reported: reportedDocument(namespace, reported) };
}

/** What the server reported, as a reader document, `ns` first as collStats writes it. */
function reportedDocument(namespace: Namespace, reported: Record<string, unknown>): ReaderDocument {
  const entries = Object.entries(reported)
    .filter(([key]) => key !== 'ns')
    .map(([key, value]): DocumentEntry => [key, fromBson(value)]);
  return documentOf([['ns', namespaceText(namespace)], ...entries]);
}
