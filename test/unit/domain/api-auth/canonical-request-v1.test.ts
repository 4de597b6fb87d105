import { describe, expect, it } from 'vitest';
import { parseV1Request } from '../../../../src/domain/api-auth/canonical-request-v1.js';

describe('protocol v1 request parsing', () => {
  it('reads apikey, timestamp and signature from the query', () => {
    const { parameters } = parseV1Request('/api/hello/?timestamp=1700000000.5&apikey=483a570a&signature=abc%2Bdef=');
    expect(parameters).toEqual({ apiKey: '483a570a', timestamp: '1700000000.5', signature: 'abc+def=' });
  });

  it('turns a + of the signature that arrived raw (a space once form-decoded) back into +', () => {
    const { parameters } = parseV1Request('/x?apikey=k&timestamp=1&signature=ab+cd/ef=');
    expect(parameters.signature).toBe('ab+cd/ef=');
  });

  it('treats empty parameters as missing', () => {
    const { parameters } = parseV1Request('/x?apikey=&timestamp=1&signature=s');
    expect(parameters.apiKey).toBeUndefined();
  });

  it('signs the text as sent first, with only the signature parameter cut out', () => {
    const request = parseV1Request('/api/hello/?timestamp=1.5&apikey=k&signature=SIG&after=%7Ex');
    expect([...request.stringsToSign()][0]).toBe('/api/hello/?timestamp=1.5&apikey=k&after=%7Ex');
  });

  it('keeps empty pieces of the query, as the client signed them', () => {
    expect(parseV1Request('/x?a=1&&b=2&&signature=S').signedText).toBe('/x?a=1&&b=2&');
  });

  it('signs the bare path when the signature is the only parameter', () => {
    expect(parseV1Request('/x?signature=S').signedText).toBe('/x');
  });

  it('offers the query as Python urlencode rebuilt it as a second form', () => {
    const request = parseV1Request('/api/x/?b=a%20b&empty=&apikey=k&timestamp=1&signature=S');
    expect([...request.stringsToSign()]).toEqual([
      '/api/x/?b=a%20b&empty=&apikey=k&timestamp=1',
      '/api/x/?b=a+b&apikey=k&timestamp=1',
    ]);
  });

  it('offers one form only when the rebuilt query is the same text', () => {
    const request = parseV1Request('/api/hello/?apikey=k&timestamp=1&signature=S');
    expect([...request.stringsToSign()]).toEqual(['/api/hello/?apikey=k&timestamp=1']);
  });
});
