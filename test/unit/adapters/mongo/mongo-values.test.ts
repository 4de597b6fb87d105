import fc from 'fast-check';
import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { topLevel } from '../../../../src/adapters/mongo/mongo-query-parts.js';
import { fromBson, toBson } from '../../../../src/adapters/mongo/mongo-values.js';
import { bsonSize } from '../../../../src/domain/reader/bson-size.js';
import { parseExtendedJson } from '../../../../src/domain/reader/extended-json.js';
import { relaxedText, toRelaxedJson } from '../../../../src/domain/reader/relaxed-json.js';
import { documentOf } from '../../../../src/domain/reader/reader-value.js';
import { readerValue, storedDocument } from '../../../support/reader-values.js';
import { propertyRuns } from '../../../support/property-runs.js';

// The driver's own copy of bson (its CommonJS build): the one whose classes the adapter recognises.
const { EJSON, calculateObjectSize, deserialize, serialize } = BSON;

/** What the driver reads back: int32, int64 and doubles kept apart, regular expressions as written. */
function roundTrip(value: unknown): unknown {
  return deserialize(serialize({ v: value }), { promoteValues: false, bsonRegExp: true }).v;
}

describe('reader values and BSON', () => {
  it('a value survives the trip to BSON and back exactly, types and key order included', () => {
    fc.assert(
      fc.property(readerValue, (value) => {
        expect(fromBson(roundTrip(toBson(value)))).toStrictEqual(value);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('writes relaxed Extended JSON text exactly as JSON.stringify writes the relaxed values', () => {
    fc.assert(
      fc.property(readerValue, (value) => {
        expect(relaxedText(value)).toBe(JSON.stringify(toRelaxedJson(value)));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it("the domain's BSON size of a document is the size bson encodes it in", () => {
    fc.assert(
      fc.property(storedDocument, (document) => {
        expect(bsonSize(document)).toBe(calculateObjectSize(topLevel(document)));
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('keeps the order of a document whose keys look like numbers, where an object would not', () => {
    const document = documentOf([
      ['z', 1],
      ['10', -1],
    ]);
    const bytes = Buffer.from(serialize({ v: toBson(document) }));
    expect(Object.keys(deserialize(bytes).v as object)).toEqual(['10', 'z']); // what JavaScript objects do on reading...
    expect(bytes.indexOf(Buffer.from('z\0'))).toBeLessThan(bytes.indexOf(Buffer.from('10\0'))); // ...but the bytes sent keep z first
  });

  it('parses canonical Extended JSON to the same BSON that the bson library parses it to', () => {
    const corpus = [
      '{"$oid": "57e193d7a9cc81b4027498b5"}',
      '{"$date": {"$numberLong": "1356351330501"}}',
      '{"$date": {"$numberLong": "-284643869501"}}',
      '{"$date": "2012-12-24T12:15:30.501Z"}',
      '{"$numberInt": "-2147483648"}',
      '{"$numberLong": "-9223372036854775808"}',
      '{"$numberLong": "9223372036854775807"}',
      '{"$numberDouble": "-1.2345678921232E+18"}',
      '{"$numberDouble": "Infinity"}',
      '{"$numberDecimal": "1.0E-6176"}',
      '{"$numberDecimal": "-0.0"}',
      '{"$regularExpression": {"pattern": "^ab+c", "options": "im"}}',
      '{"$binary": {"base64": "AQIDBA==", "subType": "80"}}',
      '{"$binary": {"base64": "c//SZESzTGmQ6OfR38A11A==", "subType": "04"}}',
      '{"$uuid": "73ffd264-44b3-4c69-90e8-e7d1dfc035d4"}',
      '{"$timestamp": {"t": 123456789, "i": 42}}',
      '{"$minKey": 1}',
      '{"$maxKey": 1}',
      '{"a": [1, "two", {"b": {"$oid": "57e193d7a9cc81b4027498b5"}}], "c": null, "d": true}',
      // Plain numbers as the specification reads them: int32, int64 past 2^31, double with a point.
      '[2147483647, 2147483648, -9223372036854775808, 1.5, -0.0]',
    ];
    for (const text of corpus) {
      const ours = Buffer.from(serialize({ v: toBson(parseExtendedJson(text, 'test')) }));
      const theirs = Buffer.from(serialize({ v: EJSON.parse(text, { relaxed: false }) }));
      expect(ours.toString('hex'), text).toBe(theirs.toString('hex'));
    }
  });

  it('writes relaxed Extended JSON as the bson library does, within the range where both are exact', () => {
    const sample = {
      id: EJSON.parse('{"$oid": "57e193d7a9cc81b4027498b5"}'),
      when: new Date('2024-05-01T12:00:00.123Z'),
      before1970: new Date(-1),
      count: EJSON.parse('{"$numberLong": "42"}', { relaxed: false }),
      ratio: 0.5,
      tags: ['a', EJSON.parse('{"$numberInt": "7"}', { relaxed: false })],
      pattern: EJSON.parse('{"$regularExpression": {"pattern": "a.c", "options": "i"}}'),
      bytes: EJSON.parse('{"$binary": {"base64": "AQID", "subType": "00"}}'),
      stamp: EJSON.parse('{"$timestamp": {"t": 1, "i": 2}}'),
      big: EJSON.parse('{"$numberDecimal": "1.5"}'),
      nothing: null,
    };
    const read = roundTrip(sample);
    expect(toRelaxedJson(fromBson(read))).toEqual(JSON.parse(EJSON.stringify(read, { relaxed: true })));
  });

  it('writes an int64 beyond 2^53 as $numberLong, where relaxed bson output would round it', () => {
    const value = fromBson(roundTrip(EJSON.parse('{"$numberLong": "9007199254740993"}', { relaxed: false })));
    expect(toRelaxedJson(value)).toEqual({ $numberLong: '9007199254740993' });
  });
});
