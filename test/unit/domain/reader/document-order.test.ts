import { describe, expect, it } from 'vitest';
import { applyProjection } from '../../../../src/domain/reader/apply-projection.js';
import { sortDocuments } from '../../../../src/domain/reader/document-order.js';
import { relaxedText } from '../../../../src/domain/reader/relaxed-json.js';
import type { ReaderValue } from '../../../../src/domain/reader/reader-value.js';
import { compareText, compareValues } from '../../../../src/domain/reader/value-order.js';
import { doc } from '../../../support/reader-values.js';

const names = (documents: ReturnType<typeof sortDocuments>) =>
  documents.map((document) => relaxedText(document.entries[0]?.[1] ?? null));

describe('ordering as MongoDB does', () => {
  it('compares strings by code point, as their UTF-8 bytes sort, not by UTF-16 units', () => {
    expect(compareText('\u{ff61}', '\u{1f600}')).toBe(-1);
    // JavaScript's own comparison puts the astral character first: the opposite of MongoDB.
    expect(['\u{1f600}', '\u{ff61}'].sort()).toEqual(['\u{1f600}', '\u{ff61}']);
    expect(compareText('ab', 'abc')).toBe(-1);
    expect(compareText('b', 'abc')).toBe(1);
  });

  it('orders values of different types in BSON order, numbers of every width together', () => {
    const ordered: ReaderValue[] = [
      { kind: 'minKey' },
      null,
      NaN,
      { kind: 'int32', value: -1 },
      0.5,
      { kind: 'int64', value: 9007199254740993n },
      'a',
      doc({ a: 1 }),
      [1],
      { kind: 'binary', base64: 'AA==', subType: 0 },
      { kind: 'objectId', hex: '000000000000000000000001' },
      false,
      true,
      { kind: 'date', ms: 0 },
      { kind: 'timestamp', t: 1, i: 0 },
      { kind: 'regex', pattern: 'a', options: '' },
      { kind: 'maxKey' },
    ];
    for (let index = 1; index < ordered.length; index += 1)
      expect(compareValues(ordered[index - 1], ordered[index]), String(index)).toBe(-1);
    expect(compareValues({ kind: 'int64', value: 9007199254740993n }, 9007199254740992)).toBe(1);
  });

  it('sorts by several keys, arrays by their smallest (ascending) or largest (descending) element, missing as null', () => {
    const documents = [doc({ id: 'a', v: [3, 1] }), doc({ id: 'b', v: 2 }), doc({ id: 'c' }), doc({ id: 'd', v: [] })];
    expect(names(sortDocuments(documents, [{ path: 'v', direction: 1 }]))).toEqual(['"d"', '"c"', '"a"', '"b"']);
    expect(names(sortDocuments(documents, [{ path: 'v', direction: -1 }]))).toEqual(['"a"', '"b"', '"c"', '"d"']);
    const ties = [doc({ id: 'x', g: 1, n: 'b' }), doc({ id: 'y', g: 0, n: 'z' }), doc({ id: 'z', g: 1, n: 'a' })];
    expect(
      names(
        sortDocuments(ties, [
          { path: 'g', direction: -1 },
          { path: 'n', direction: 1 },
        ]),
      ),
    ).toEqual(['"z"', '"x"', '"y"']);
  });

  it('projects as a find does: fields in the document’s order, _id unless left out, inside arrays of objects', () => {
    const stored = doc({ _id: 1, b: 2, a: doc({ x: 1, y: 2 }), list: [doc({ x: 1, y: 2 }), 5] });
    expect(relaxedText(applyProjection(stored, { mode: 'include', paths: ['list.x', 'b'], withId: true }))).toBe(
      '{"_id":1,"b":2,"list":[{"x":1}]}',
    );
    expect(relaxedText(applyProjection(stored, { mode: 'include', paths: ['a.y'], withId: false }))).toBe('{"a":{"y":2}}');
    expect(relaxedText(applyProjection(stored, { mode: 'exclude', paths: ['a', 'list.y'], withId: false }))).toBe(
      '{"b":2,"list":[{"x":1},5]}',
    );
  });
});
