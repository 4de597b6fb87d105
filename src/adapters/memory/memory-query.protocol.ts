import { maskKinds } from '../../domain/reader/field-mask.js';
import { z } from 'zod';
import type { CollectionStats } from '../../domain/reader/document-source.port.js';
import type { ReaderDocument } from '../../domain/reader/reader-value.js';

/**
 * The messages between the memory source and its query thread. Both ends are this process's own
 * code; the shapes are still checked, since a message arrives as an unknown value.
 */
const readerDocument = z.custom<ReaderDocument>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    value.kind === 'document' &&
    'entries' in value &&
    Array.isArray(value.entries),
  'a document',
);
export const readerDocuments = z.array(readerDocument);

const namespace = z.object({ database: z.string(), collection: z.string() });
const projection = z.object({ mode: z.enum(['include', 'exclude']), paths: z.array(z.string()).readonly(), withId: z.boolean() });
/** Fields a policy masks: applied in the thread, so the unmasked value never leaves it. */
const masks = z
  .array(z.object({ path: z.string(), kind: z.enum(maskKinds) }))
  .readonly()
  .optional();
const findQuery = z.object({
  namespace,
  criteria: readerDocument,
  projection,
  sort: z.array(z.object({ path: z.string(), direction: z.union([z.literal(1), z.literal(-1)]) })).readonly(),
  skip: z.number().int().min(0),
  limit: z.number().int().min(0),
  maxTimeMs: z.number(),
  masks,
});
const id = z.number().int();

/** What the query thread is asked; every request but `load` is answered once, by its id. */
export const memoryQueryRequest = z.discriminatedUnion('op', [
  /** A collection's documents, serialized once (v8) into memory every thread can read. */
  z.object({ op: z.literal('load'), namespace, snapshot: z.instanceof(SharedArrayBuffer) }),
  /** Answered once every load before it is done. */
  z.object({ op: z.literal('ping'), id }),
  /** The documents `find` gives. */
  z.object({ op: z.literal('find'), id, query: findQuery }),
  /** The positions (in the collection) of what `find` would give, before projection: an export's plan. */
  z.object({ op: z.literal('select'), id, query: findQuery }),
  /** The documents at `positions`, projected: an export's next batch. */
  z.object({ op: z.literal('fetch'), id, namespace, positions: z.instanceof(Int32Array), projection, masks }),
  z.object({ op: z.literal('count'), id, namespace, criteria: readerDocument }),
  z.object({ op: z.literal('stats'), id, namespace }),
]);
export type MemoryQueryRequest = z.infer<typeof memoryQueryRequest>;
/** A request as the source sends it: the thread numbers it. */
export type MemoryQuery = MemoryQueryRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** An answer: the value, or why there is none (`refused`: the query's own fault, a 400). */
export const memoryQueryReply = z.discriminatedUnion('ok', [
  z.object({ id, ok: z.literal(true), value: z.unknown() }),
  z.object({ id, ok: z.literal(false), refused: z.boolean(), message: z.string() }),
]);
export type MemoryQueryReply = z.infer<typeof memoryQueryReply>;

export const collectionStats: z.ZodType<CollectionStats> = z.object({
  ns: z.string(),
  count: z.number(),
  size: z.number(),
  avgObjSize: z.number(),
  storageSize: z.number(),
  nindexes: z.number(),
  totalIndexSize: z.number(),
  indexSizes: z.record(z.string(), z.number()),
});
