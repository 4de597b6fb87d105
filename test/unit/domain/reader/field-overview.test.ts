import { describe, expect, it } from 'vitest';
import { demoDocuments } from '../../../../src/application/reader/reader-demo.js';
import { narrowed, overviewFields } from '../../../../src/domain/reader/field-overview.js';
import { relaxedText } from '../../../../src/domain/reader/relaxed-json.js';
import { doc } from '../../../support/reader-values.js';

describe('the field overview', () => {
  it('counts each field’s presence and types, nested fields included, in the order they first appear', () => {
    const overview = overviewFields([
      doc({ name: 'a', n: { kind: 'int32', value: 1 }, profile: doc({ city: 'Oxford' }) }),
      doc({ name: 'b', n: 2.5 }),
      doc({ name: null, tags: ['x', 'y', 'x'] }),
    ]);
    expect(overview.sampled).toBe(3);
    const byPath = Object.fromEntries(overview.fields.map((field) => [field.path, field]));
    expect(byPath.name).toMatchObject({
      present: 3,
      types: [
        { type: 'string', count: 2 },
        { type: 'null', count: 1 },
      ],
      order: 0,
    });
    expect(byPath.n?.types).toEqual([
      { type: 'int', count: 1 },
      { type: 'double', count: 1 },
    ]);
    expect(byPath['profile.city']).toMatchObject({ present: 1, types: [{ type: 'string', count: 1 }] });
    // Values inside arrays count one by one, and filter as MongoDB matches arrays: by element.
    expect(byPath.tags?.values.map(({ label, count, filter }) => [label, count, relaxedText(filter)])).toEqual([
      ['x', 2, '{"tags":"x"}'],
      ['y', 1, '{"tags":"y"}'],
    ]);
  });

  it('charts the commonest values, most frequent first, and dates by month', () => {
    const overview = overviewFields(demoDocuments());
    const gender = overview.fields.find((field) => field.path === 'gender');
    expect(gender?.values.map((value) => value.count).reduce((a, b) => a + b)).toBe(100);
    const lastlogin = overview.fields.find((field) => field.path === 'lastlogin');
    expect(lastlogin?.values[0]?.label).toMatch(/^\d{4}-\d{2}$/);
    expect(relaxedText(lastlogin?.values[0]?.filter ?? doc({}))).toMatch(
      /^\{"lastlogin":\{"\$gte":\{"\$date":"\d{4}-\d{2}-01T00:00:00Z"\},"\$lt":\{"\$date":"\d{4}-\d{2}-01T00:00:00Z"\}\}\}$/,
    );
    const counts = lastlogin?.values.map((value) => value.count) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(overview.fields.find((field) => field.path === 'name')?.allDistinct).toBe(true);
    expect(gender?.allDistinct).toBe(false);
  });

  it('narrows criteria by a chart’s filter under $and, or uses the filter alone', () => {
    expect(relaxedText(narrowed(doc({}), doc({ a: 1 })))).toBe('{"a":1}');
    expect(relaxedText(narrowed(doc({ b: 2 }), doc({ a: 1 })))).toBe('{"$and":[{"b":2},{"a":1}]}');
  });
});
