import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_OPERATORS,
  EXPRESSION_OPERATORS,
  FIELD_OPERATORS,
  TOP_LEVEL_OPERATORS,
} from '../../../../src/domain/reader/query-operators.js';
import { parseExtendedJsonDocument } from '../../../../src/domain/reader/extended-json.js';
import { checkCriteria } from '../../../../src/domain/reader/operator-check.js';
import { ReaderError } from '../../../../src/domain/reader/reader.errors.js';
import { parseFindRequest } from '../../../../src/domain/reader/reader-request.js';
import type { ReaderDocument } from '../../../../src/domain/reader/reader-value.js';
import { propertyRuns } from '../../../support/property-runs.js';

/** The only way the criteria parser and the operator check may refuse: a ReaderError (a 4xx), never anything else. */
function outcome(parameters: Record<string, string>): 'accepted' | 'refused' {
  try {
    parseFindRequest({ database: 'db1', collection: 'c', parameters });
    return 'accepted';
  } catch (error) {
    if (error instanceof ReaderError) return 'refused';
    throw error;
  }
}

const operators = [
  ...CODE_OPERATORS,
  ...TOP_LEVEL_OPERATORS,
  ...FIELD_OPERATORS,
  ...EXPRESSION_OPERATORS,
  '$oid',
  '$date',
  '$numberLong',
  '$binary',
  '$regularExpression',
  '$code',
  '$foo',
];
const key = fc.oneof(
  fc.constantFrom(...operators),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('__proto__', 'constructor', 'a.b', '', '$'),
);

/** JSON shaped like queries: operators as keys, nested objects and arrays, odd scalars. */
const queryLike: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53 + 1, '', '$a', '$$ROOT', '2024-01-01T00:00:00Z', '57e193d7a9cc81b4027498b5'),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('the criteria parser and the operator check under fuzzing', () => {
  it('answers any text with an accepted query or a ReaderError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 60 }),
        fc.string({ maxLength: 60 }),
        (criteria, sort, fields) => {
          outcome({ criteria, sort, fields });
        },
      ),
      { numRuns: propertyRuns(3000) },
    );
  });

  it('answers any query-shaped JSON with an accepted query or a ReaderError', () => {
    fc.assert(
      fc.property(queryLike, queryLike, (criteria, sort) => {
        outcome({
          criteria: JSON.stringify(criteria),
          sort: JSON.stringify(sort),
          fields: JSON.stringify(sort),
        });
      }),
      { numRuns: propertyRuns(3000) },
    );
  });

  it('names a code operator wherever it is put, whatever else the query holds', () => {
    fc.assert(
      fc.property(queryLike, fc.constantFrom(...CODE_OPERATORS), fc.nat(), (value, operator, seed) => {
        const criteria = JSON.stringify({ $and: [{ wrapper: planted(value, operator, seed) }] });
        let readable: ReaderDocument;
        try {
          readable = parseExtendedJsonDocument(criteria, 'criteria');
        } catch (error) {
          // Not even JSON a query could be (a malformed $oid, a forbidden key): refused before operators are looked at.
          expect(error).toBeInstanceOf(ReaderError);
          return;
        }
        expect(() => checkCriteria(readable)).toThrow(/^operator not allowed: \$(where|function|accumulator)$/);
      }),
      { numRuns: propertyRuns(3000) },
    );
  });

  it('answers huge and deep inputs quickly with a bound, not a crash', () => {
    const started = Date.now();
    const inputs = [
      '['.repeat(100_000),
      '{"a":'.repeat(50_000),
      `{"a": [${'1,'.repeat(500_000)}1]}`,
      `{"a": "${'x'.repeat(1_000_000)}"}`,
      `{${Array.from({ length: 3000 }, (_, n) => `"k${n}": 1`).join(',')}}`,
      '{"$or": [' + Array.from({ length: 1000 }, () => '{"$and": [{"a": 1}]}').join(',') + ']}',
    ];
    for (const criteria of inputs) expect(outcome({ criteria })).toBe('refused');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

/** `value` with `{operator: ...}` put inside it somewhere (seed picks where), or wrapping it. */
function planted(value: unknown, operator: string, seed: number): unknown {
  if (Array.isArray(value) && value.length > 0) {
    const copy = [...value];
    copy[seed % copy.length] = planted(copy[seed % copy.length], operator, Math.floor(seed / 7));
    return copy;
  }
  if (typeof value === 'object' && value !== null && Object.keys(value).length > 0 && seed % 3 !== 0) {
    const entries = Object.entries(value);
    const at = seed % entries.length;
    return Object.fromEntries(
      entries.map(([name, inner], index) => [name, index === at ? planted(inner, operator, Math.floor(seed / 5)) : inner]),
    );
  }
  return { [operator]: value };
}
