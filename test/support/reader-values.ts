import fc from 'fast-check';
import { documentOf, type ReaderDocument, type ReaderValue } from '../../src/domain/reader/reader-value.js';

/**
 * Field names as MongoDB stores them: none empty, none starting with $, none with a dot or NUL. Nor
 * one that reads as an array index: the driver reads documents into JavaScript objects, which move
 * such keys first (a limit of reading; what is sent keeps its order, as a test shows).
 */
const fieldName = fc
  .string({ minLength: 1, maxLength: 8 })
  .filter((name) => !name.startsWith('$') && !/[.\0]/.test(name) && !/^\d+$/.test(name));

const typed: fc.Arbitrary<ReaderValue> = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => ({ kind: 'int32' as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ kind: 'int64' as const, value })),
  fc.stringMatching(/^[0-9a-f]{24}$/).map((hex) => ({ kind: 'objectId' as const, hex })),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => ({ kind: 'date' as const, ms })),
  fc
    .record({
      pattern: fc.string({ maxLength: 8 }).filter((text) => !text.includes('\0')),
      options: fc.constantFrom('', 'i', 'im', 'ims'),
    })
    .map((regex) => ({ kind: 'regex' as const, ...regex })),
  fc
    .uint8Array({ maxLength: 12 })
    .map((bytes) => ({ kind: 'binary' as const, base64: Buffer.from(bytes).toString('base64'), subType: 0 })),
  fc
    .record({ t: fc.integer({ min: 0, max: 0xffffffff }), i: fc.integer({ min: 0, max: 0xffffffff }) })
    .map((stamp) => ({ kind: 'timestamp' as const, ...stamp })),
  fc.constantFrom<ReaderValue>({ kind: 'minKey' }, { kind: 'maxKey' }),
);

const scalar: fc.Arbitrary<ReaderValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 10 }),
  fc.double({ noNaN: true }),
  typed,
);

/** Any value a MongoDB document may hold, nested a few levels. */
export const readerValue: fc.Arbitrary<ReaderValue> = fc.letrec<{ value: ReaderValue; document: ReaderDocument }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), tie('document')),
  document: fc
    .uniqueArray(fc.tuple(fieldName, tie('value')), { maxLength: 4, selector: ([name]) => name })
    .map((entries) => documentOf(entries)),
})).value;

/** A document with an `_id`, as a collection holds it. */
export const storedDocument: fc.Arbitrary<ReaderDocument> = fc
  .tuple(
    fc.stringMatching(/^[0-9a-f]{24}$/),
    fc.uniqueArray(
      fc.tuple(
        fieldName.filter((name) => name !== '_id'),
        readerValue,
      ),
      { maxLength: 5, selector: ([name]) => name },
    ),
  )
  .map(([hex, entries]) => documentOf([['_id', { kind: 'objectId', hex }], ...entries]));

/** A document from a plain record, for readable tests: `doc({ name: 'Ada', n: { kind: 'int32', value: 1 } })`. */
export function doc(fields: Readonly<Record<string, ReaderValue>>): ReaderDocument {
  return documentOf(Object.entries(fields));
}
