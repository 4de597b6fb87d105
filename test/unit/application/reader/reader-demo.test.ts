import { describe, expect, it } from 'vitest';
import { demoDocuments } from '../../../../src/application/reader/reader-demo.js';
import { fieldOf } from '../../../../src/domain/reader/reader-value.js';
import { toRelaxedJson } from '../../../../src/domain/reader/relaxed-json.js';

describe('the demo collection', () => {
  it('is the same 100 documents on every start', () => {
    expect(demoDocuments()).toStrictEqual(demoDocuments());
    expect(demoDocuments()).toHaveLength(100);
  });

  it('has dj-mongo-reader’s fields: a unique name, gender 0 or 1, disable, and a last login in the three years before 2026', () => {
    const documents = demoDocuments();
    expect(new Set(documents.map((document) => fieldOf(document, 'name'))).size).toBe(100);
    expect(new Set(documents.map((document) => JSON.stringify(fieldOf(document, '_id')))).size).toBe(100);
    for (const document of documents) {
      expect(document.entries.map(([key]) => key)).toEqual(['_id', 'name', 'gender', 'disable', 'lastlogin']);
      expect(fieldOf(document, 'gender')).toBeOneOf([
        { kind: 'int32', value: 0 },
        { kind: 'int32', value: 1 },
      ]);
      expect(typeof fieldOf(document, 'disable')).toBe('boolean');
      expect(fieldOf(document, 'lastlogin')).toEqual({ kind: 'date', ms: expect.any(Number) });
      const { $date } = toRelaxedJson(fieldOf(document, 'lastlogin') ?? null) as { $date: string };
      expect(Date.parse($date)).toBeLessThanOrEqual(Date.UTC(2026, 0, 1));
      expect(Date.parse($date)).toBeGreaterThan(Date.UTC(2023, 0, 1));
    }
  });
});
