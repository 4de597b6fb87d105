import { describe, expect, it } from 'vitest';
import { pythonUrlencode, quotePlus } from '../../../../src/domain/api-auth/python-urlencode.js';
import { splitQuery } from '../../../../src/domain/api-auth/query-string.js';

describe("Python's urlencode, as dj-api-auth's server rebuilt queries", () => {
  it('keeps unreserved characters and writes a space as +', () => {
    expect(quotePlus('a b-c_d.e~f')).toBe('a+b-c_d.e~f');
  });

  it('percent-encodes everything else as UTF-8 with upper-case hex', () => {
    expect(quotePlus('é/+=&')).toBe('%C3%A9%2F%2B%3D%26');
  });

  it('drops pairs with blank values, as parse_qsl does', () => {
    expect(pythonUrlencode(splitQuery('a=1&blank=&b=x%20y'))).toBe('a=1&b=x+y');
  });
});
