import { describe, expect, it } from 'vitest';
import { parseExtendedJson, parseExtendedJsonDocument } from '../../../../src/domain/reader/extended-json.js';
import { ReaderError } from '../../../../src/domain/reader/reader.errors.js';
import { relaxedText, toRelaxedJson } from '../../../../src/domain/reader/relaxed-json.js';
import { documentOf } from '../../../../src/domain/reader/reader-value.js';

const parse = (text: string) => parseExtendedJson(text, 'criteria');

function refusal(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).code).toBe('reader.bad_input');
    return (error as ReaderError).message;
  }
  throw new Error(`${text} was accepted`);
}

describe('reading Extended JSON', () => {
  it('reads the canonical and the relaxed forms of each type to the same value', () => {
    const pairs: [string, string][] = [
      ['{"$date": {"$numberLong": "1714564800000"}}', '{"$date": "2024-05-01T12:00:00Z"}'],
      ['{"$date": {"$numberLong": "1714564800000"}}', '{"$date": "2024-05-01T14:00:00+02:00"}'],
      ['{"$numberInt": "42"}', '42'],
      ['{"$numberLong": "5000000000"}', '5000000000'],
      ['{"$numberDouble": "1.5"}', '1.5'],
    ];
    for (const [canonical, relaxed] of pairs) expect(parse(relaxed), relaxed).toStrictEqual(parse(canonical));
  });

  it('reads each type wrapper into its typed value', () => {
    expect(parse('{"$oid": "57E193D7A9CC81B4027498B5"}')).toEqual({ kind: 'objectId', hex: '57e193d7a9cc81b4027498b5' });
    expect(parse('{"$date": "2024-05-01"}')).toEqual({ kind: 'date', ms: Date.UTC(2024, 4, 1) });
    expect(parse('{"$numberDecimal": "-1.25E+3"}')).toEqual({ kind: 'decimal128', value: '-1.25E+3' });
    expect(parse('{"$regularExpression": {"pattern": "^a", "options": "mi"}}')).toEqual({
      kind: 'regex',
      pattern: '^a',
      options: 'im',
    });
    expect(parse('{"$binary": {"base64": "AQID", "subType": "80"}}')).toEqual({ kind: 'binary', base64: 'AQID', subType: 0x80 });
    expect(parse('{"$binary": "AQID", "$type": "0"}')).toEqual({ kind: 'binary', base64: 'AQID', subType: 0 });
    expect(parse('{"$uuid": "00112233-4455-6677-8899-aabbccddeeff"}')).toEqual({
      kind: 'binary',
      base64: 'ABEiM0RVZneImaq7zN3u/w==',
      subType: 4,
    });
    expect(parse('{"$timestamp": {"t": 1, "i": 2}}')).toEqual({ kind: 'timestamp', t: 1, i: 2 });
    expect(parse('[{"$minKey": 1}, {"$maxKey": 1}]')).toEqual([{ kind: 'minKey' }, { kind: 'maxKey' }]);
    expect(parse('{"$numberDouble": "-Infinity"}')).toBe(-Infinity);
    expect(Number.isNaN(parse('{"$numberDouble": "NaN"}'))).toBe(true);
  });

  it('reads plain integers as int32, or int64 exactly from their digits, where JSON.parse would round', () => {
    expect(parse('7')).toEqual({ kind: 'int32', value: 7 });
    expect(parse('2147483648')).toEqual({ kind: 'int64', value: 2147483648n });
    expect(parse('9007199254740993')).toEqual({ kind: 'int64', value: 9007199254740993n });
    expect(refusal('9223372036854775808')).toContain('does not fit 64 bits');
    expect(refusal('1e400')).toContain('out of range');
  });

  it('keeps the key order of documents, keys that look like numbers included', () => {
    expect(parse('{"z": 1, "10": 2, "a": {"2": true, "1": false}}')).toEqual(
      documentOf([
        ['z', { kind: 'int32', value: 1 }],
        ['10', { kind: 'int32', value: 2 }],
        [
          'a',
          documentOf([
            ['2', true],
            ['1', false],
          ]),
        ],
      ]),
    );
  });

  it('leaves $regex, $options and $type as operators for the query to use', () => {
    expect(parse('{"$regex": "^a", "$options": "i"}')).toEqual(
      documentOf([
        ['$regex', '^a'],
        ['$options', 'i'],
      ]),
    );
    expect(parse('{"$type": "string"}')).toEqual(documentOf([['$type', 'string']]));
  });

  it('refuses malformed wrappers, naming what each takes', () => {
    expect(refusal('{"$oid": "xyz"}')).toBe('bad Extended JSON: $oid takes 24 hexadecimal digits');
    expect(refusal('{"$oid": "57e193d7a9cc81b4027498b5", "x": 1}')).toContain('$oid takes no other key (found x)');
    expect(refusal('{"$date": "2024-05-01T12:00:00"}')).toContain('with a zone');
    expect(refusal('{"$date": {"$numberLong": "9000000000000000"}}')).toContain('within years');
    expect(refusal('{"$numberInt": "2147483648"}')).toContain('32-bit');
    expect(refusal('{"$numberLong": "1.5"}')).toContain('64-bit');
    expect(refusal('{"$numberDecimal": "12345678901234567890123456789012345"}')).toContain('34 significant digits');
    expect(refusal('{"$regularExpression": {"pattern": "a", "options": "q"}}')).toContain('ilmsux');
    expect(refusal('{"$binary": {"base64": "not base64!", "subType": "00"}}')).toContain('base64');
    expect(refusal('{"$timestamp": {"t": -1, "i": 0}}')).toContain('0 to 4294967295');
    expect(refusal('{"$minKey": 2}')).toContain('$minKey takes 1');
  });

  it('refuses the types that hold JavaScript, and the deprecated ones', () => {
    expect(refusal('{"$code": "function () {}"}')).toBe('Extended JSON type $code is not supported: it holds JavaScript');
    expect(refusal('{"a": {"$code": "x", "$scope": {}}}')).toContain('$code');
    expect(refusal('{"$symbol": "s"}')).toContain('deprecated');
    expect(refusal('{"$undefined": true}')).toContain('deprecated');
  });

  it('refuses what is not a document where a document is needed', () => {
    expect(() => parseExtendedJsonDocument('[1]', 'sort')).toThrow('sort must be a JSON object');
    expect(() => parseExtendedJsonDocument('{"$oid": "57e193d7a9cc81b4027498b5"}', 'criteria')).toThrow(
      'criteria must be a JSON object',
    );
  });
});

describe('writing relaxed Extended JSON', () => {
  it('writes each type as relaxed Extended JSON v2 does', () => {
    expect(toRelaxedJson({ kind: 'int32', value: 3 })).toBe(3);
    expect(toRelaxedJson({ kind: 'int64', value: 3n })).toBe(3);
    expect(toRelaxedJson({ kind: 'date', ms: Date.UTC(2024, 4, 1) })).toEqual({ $date: '2024-05-01T00:00:00Z' });
    expect(toRelaxedJson({ kind: 'date', ms: Date.UTC(2024, 4, 1, 0, 0, 0, 5) })).toEqual({ $date: '2024-05-01T00:00:00.005Z' });
    expect(toRelaxedJson({ kind: 'date', ms: -1 })).toEqual({ $date: { $numberLong: '-1' } });
    expect(toRelaxedJson(-0)).toEqual({ $numberDouble: '-0.0' });
    expect(toRelaxedJson(Infinity)).toEqual({ $numberDouble: 'Infinity' });
    expect(toRelaxedJson({ kind: 'binary', base64: 'AQID', subType: 4 })).toEqual({ $binary: { base64: 'AQID', subType: '04' } });
  });

  it('keeps a field named __proto__ a field, not a prototype', () => {
    const written = toRelaxedJson(documentOf([['__proto__', documentOf([['polluted', true]])]]));
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    expect(relaxedText(documentOf([['__proto__', 1]]))).toBe('{"__proto__":1}');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('reads back what it writes', () => {
    const text =
      '{"_id":{"$oid":"57e193d7a9cc81b4027498b5"},"when":{"$date":"2024-05-01T00:00:00Z"},"n":5,"big":{"$numberLong":"9007199254740993"},"r":{"$regularExpression":{"pattern":"a","options":"i"}}}';
    expect(relaxedText(parse(text))).toBe(text);
  });
});
