import { describe, expect, it } from 'vitest';
import {
  permittedCount,
  permittedExport,
  permittedFind,
  permittedSample,
  visible,
} from '../../../../src/domain/reader/permitted-query.js';
import type { Permit } from '../../../../src/domain/reader/query-permissioning.js';
import { DEFAULT_READER_LIMITS } from '../../../../src/domain/reader/reader-limits.js';
import { parseCriteriaRequest, parseExportRequest, parseFindRequest } from '../../../../src/domain/reader/reader-request.js';
import { documentOf } from '../../../../src/domain/reader/reader-value.js';
import { relaxedText } from '../../../../src/domain/reader/relaxed-json.js';
import { doc } from '../../../support/reader-values.js';

const OPEN: Permit = { pin: [], hiddenFields: [], maxLimit: undefined };
const find = (parameters: Record<string, string>, permit: Permit = OPEN) =>
  permittedFind(parseFindRequest({ database: 'db1', collection: 'c', parameters }), permit, DEFAULT_READER_LIMITS);
const refusalOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('accepted');
};

describe('a permitted query', () => {
  it('asks for 50 documents by default, the number asked for up to 1000, and 1000 for 0 (no limit)', () => {
    expect(find({}).limit).toBe(50);
    expect(find({ limit: '10' }).limit).toBe(10);
    expect(find({ limit: '5000' }).limit).toBe(1000);
    expect(find({ limit: '0' }).limit).toBe(1000);
    expect(find({ limit: '500' }, { ...OPEN, maxLimit: 20 }).limit).toBe(20);
    expect(find({}).maxTimeMs).toBe(5000);
  });

  it('refuses a limit or a skip that is not a whole number', () => {
    for (const bad of ['ten', '-1', '1.5', '1e3', '', '99999999999999999']) {
      expect(refusalOf(() => find({ limit: bad }))).toMatch(/^limit must be a whole number/);
      expect(refusalOf(() => find({ skip: bad }))).toMatch(/^skip must be a whole number/);
    }
  });

  it('adds the pin under $and, so that criteria cannot loosen it', () => {
    const permit: Permit = { ...OPEN, pin: [['tenant', 'acme']] };
    expect(relaxedText(find({ criteria: '{"$or": [{"tenant": "other"}, {"a": 1}]}' }, permit).criteria)).toBe(
      '{"$and":[{"$or":[{"tenant":"other"},{"a":1}]},{"tenant":"acme"}]}',
    );
    expect(relaxedText(find({}, permit).criteria)).toBe('{"tenant":"acme"}');
    const counted = permittedCount(
      { database: 'd', collection: 'c' },
      parseCriteriaRequest({ database: 'd', collection: 'c', parameters: {} }).criteria,
      permit,
      DEFAULT_READER_LIMITS,
    );
    expect(relaxedText(counted.criteria)).toBe('{"tenant":"acme"}');
  });

  describe('with hidden fields', () => {
    const permit: Permit = { ...OPEN, hiddenFields: ['salary', 'profile.ssn'] };

    it('refuses criteria and sorts that touch them, or fields around them', () => {
      expect(refusalOf(() => find({ criteria: '{"salary": {"$gt": 1000}}' }, permit))).toBe(
        'permission disallowed: salary is or holds a hidden field',
      );
      expect(refusalOf(() => find({ criteria: '{"profile": {"ssn": "1"}}' }, permit))).toContain(
        'profile is or holds a hidden field',
      );
      expect(refusalOf(() => find({ criteria: '{"profile.0.ssn": "1"}' }, permit))).toContain('hidden');
      expect(refusalOf(() => find({ criteria: '{"$expr": {"$gt": ["$salary", 1]}}' }, permit))).toContain('hidden');
      expect(refusalOf(() => find({ sort: '{"profile": 1}' }, permit))).toContain('hidden');
    });

    it('refuses criteria that could read any field', () => {
      expect(refusalOf(() => find({ criteria: '{"$expr": {"$eq": [{"$getField": "salary"}, 1]}}' }, permit))).toContain(
        'could read any field',
      );
      expect(refusalOf(() => find({ criteria: '{"$jsonSchema": {"required": ["salary"]}}' }, permit))).toContain(
        'could read any field',
      );
    });

    it('refuses asking for a hidden field, excludes hidden fields otherwise, and takes them out of what comes back', () => {
      expect(refusalOf(() => find({ fields: '{"salary": 1}' }, permit))).toBe(
        'permission disallowed: the field salary is hidden',
      );
      expect(find({}, permit).projection).toEqual({ mode: 'exclude', paths: ['salary', 'profile.ssn'], withId: true });
      expect(find({ fields: '{"profile": 1}' }, permit).projection).toEqual({
        mode: 'include',
        paths: ['profile'],
        withId: true,
      });
      const stored = doc({ name: 'a', salary: 1, profile: [doc({ ssn: 'x', city: 'y' }), doc({ ssn: 'z' })] });
      expect(relaxedText(visible(stored, permit))).toBe('{"name":"a","profile":[{"city":"y"},{}]}');
    });

    it('samples and exports within the same rules', () => {
      const criteria = parseCriteriaRequest({ database: 'd', collection: 'c', parameters: {} }).criteria;
      expect(
        permittedSample({ database: 'd', collection: 'c' }, criteria, permit, DEFAULT_READER_LIMITS).projection.paths,
      ).toEqual(['salary', 'profile.ssn']);
      const request = parseExportRequest({ database: 'd', collection: 'c', parameters: { projection: '{"salary": "Pay"}' } });
      expect(refusalOf(() => permittedExport(request, permit, DEFAULT_READER_LIMITS))).toContain('the field salary is hidden');
    });
  });

  it('exports the columns asked for, at most the configured rows and the rule’s cap', () => {
    const request = parseExportRequest({
      database: 'd',
      collection: 'c',
      parameters: { projection: '{"name": "Name", "_id": 1}' },
    });
    const { query, columns } = permittedExport(request, { ...OPEN, maxLimit: 7 }, DEFAULT_READER_LIMITS);
    expect(columns).toEqual([
      { path: 'name', title: 'Name' },
      { path: '_id', title: '_id' },
    ]);
    expect(query.projection).toEqual({ mode: 'include', paths: ['name'], withId: true });
    expect(query.limit).toBe(7);
    expect(permittedExport(request, OPEN, DEFAULT_READER_LIMITS).query.limit).toBe(100_000);
  });

  it('refuses an export that names no columns, as dj-mongo-reader did', () => {
    expect(refusalOf(() => parseExportRequest({ database: 'd', collection: 'c', parameters: {} }))).toContain(
      'projection must name the fields to export',
    );
    expect(
      refusalOf(() => parseExportRequest({ database: 'd', collection: 'c', parameters: { projection: '{"a": 2}' } })),
    ).toContain("takes the column's title");
  });

  it('refuses a parameter given twice', () => {
    expect(
      refusalOf(() => parseFindRequest({ database: 'd', collection: 'c', parameters: { criteria: ['{}', '{"a": 1}'] } })),
    ).toBe('criteria is given more than once');
  });

  it('reads names by MongoDB’s rules', () => {
    expect(refusalOf(() => parseFindRequest({ database: 'a.b', collection: 'c', parameters: {} }))).toContain(
      'bad database name',
    );
    expect(refusalOf(() => parseFindRequest({ database: 'x'.repeat(64), collection: 'c', parameters: {} }))).toContain(
      'bad database name',
    );
    expect(refusalOf(() => parseFindRequest({ database: 'd', collection: 'a$b', parameters: {} }))).toContain(
      'bad collection name',
    );
    expect(refusalOf(() => parseFindRequest({ database: 'd', collection: '', parameters: {} }))).toContain('bad collection name');
    expect(refusalOf(() => parseFindRequest({ database: 'd', collection: 'c'.repeat(260), parameters: {} }))).toContain(
      'longer than 255 bytes',
    );
    expect(parseFindRequest({ database: 'db-1', collection: 'a.b c/ü', parameters: {} }).namespace).toEqual({
      database: 'db-1',
      collection: 'a.b c/ü',
    });
  });

  it('reads sorts and projections, refusing what a server would', () => {
    expect(find({ sort: '{"b": -1, "a": 1}' }).sort).toEqual([
      { path: 'b', direction: -1 },
      { path: 'a', direction: 1 },
    ]);
    expect(refusalOf(() => find({ sort: '{"a": 2}' }))).toBe('sort: a takes 1 or -1');
    expect(refusalOf(() => find({ sort: '{"a": {"$meta": "textScore"}}' }))).toBe('sort: a takes 1 or -1');
    expect(refusalOf(() => find({ sort: '{"$where": 1}' }))).toBe('operator not allowed: $where');
    expect(find({ fields: '{"_id": 0}' }).projection).toEqual({ mode: 'exclude', paths: [], withId: false });
    expect(find({ fields: '{"_id": 1}' }).projection).toEqual({ mode: 'include', paths: [], withId: true });
    expect(refusalOf(() => find({ fields: '{"a": 1, "b": 0}' }))).toContain('both included and excluded');
    expect(refusalOf(() => find({ fields: '{"a": 1, "a.b": 1}' }))).toContain('collide');
    expect(refusalOf(() => find({ fields: '{"a": {"$slice": 1}}' }))).toBe('fields: a takes 0, 1, true or false');
    expect(documentOf([])).toEqual({ kind: 'document', entries: [] });
  });
});
