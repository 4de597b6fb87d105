import { describe, expect, it } from 'vitest';
import { DEFAULT_JSON_BOUNDS, parseJsonText } from '../../../../src/domain/reader/json-text.js';

const parse = (text: string) => parseJsonText(text, 'criteria');

describe('reading JSON text within bounds', () => {
  it('reads strict JSON, keeping key order and number text', () => {
    expect(parse(' {"b": [1, -2.5e3, true, null], "a": "x\\u00e9"} ')).toEqual({
      kind: 'object',
      entries: [
        ['b', [{ kind: 'number', text: '1' }, { kind: 'number', text: '-2.5e3' }, true, null]],
        ['a', 'xé'],
      ],
    });
  });

  it.each([
    ['{"a": 1,}', 'expected a key in double quotes'],
    ['{a: 1}', 'expected a key in double quotes'],
    ["{'a': 1}", 'expected a key in double quotes'],
    ['{"a": 01}', "expected ',' or '}'"],
    ['[1 2]', "expected ',' or ']'"],
    ['{"a": 1} x', 'unexpected text after the JSON value'],
    ['{"a": "\\x"}', 'bad escape'],
    ['{"a": "line\nbreak"}', 'control character'],
    ['{"a": "\\ud800"}', 'lone surrogate'],
    ['{"a": NaN}', 'expected a JSON value'],
    ['', 'expected a JSON value'],
    ['{"a": "open', 'unterminated string'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parse(text)).toThrow(reason);
  });

  it('refuses a key given twice, which two parsers would read differently', () => {
    expect(() => parse('{"name": "a", "name": {"$ne": null}}')).toThrow('criteria: duplicate key "name"');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s at any depth', (key) => {
    expect(() => parse(`{"a": [{"b": {"${key}": {"polluted": true}}}]}`)).toThrow(`criteria: key not allowed: ${key}`);
  });

  it(`refuses text over ${DEFAULT_JSON_BOUNDS.maxLength} characters before reading any of it`, () => {
    expect(() => parse(`"${'x'.repeat(DEFAULT_JSON_BOUNDS.maxLength)}"`)).toThrow(
      `criteria is longer than ${DEFAULT_JSON_BOUNDS.maxLength} characters`,
    );
  });

  it(`refuses nesting deeper than ${DEFAULT_JSON_BOUNDS.maxDepth} levels, and takes exactly that many`, () => {
    const depth = DEFAULT_JSON_BOUNDS.maxDepth;
    expect(() => parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)).not.toThrow();
    expect(() => parse(`${'['.repeat(depth + 1)}${']'.repeat(depth + 1)}`)).toThrow(`nested deeper than ${depth} levels`);
    // Far deeper than any stack would take: refused at the bound, not by a stack overflow.
    expect(() => parse('{"a":'.repeat(3000))).toThrow('nested deeper');
  });

  it(`refuses more than ${DEFAULT_JSON_BOUNDS.maxValues} values`, () => {
    expect(() => parse(`[${'0,'.repeat(DEFAULT_JSON_BOUNDS.maxValues)}0]`)).toThrow(
      `more than ${DEFAULT_JSON_BOUNDS.maxValues} values`,
    );
  });
});
