import { describe, expect, it } from 'vitest';
import { isAllowedNext, withQueryParameters } from '../../../../src/domain/sso-provider/next-url.js';

describe('isAllowedNext', () => {
  it.each([
    ['http://localhost:8000/sso/auth/?redirect=/', 'localhost:8000'],
    ['https://localhost:8000/', 'localhost:8000'],
    ['HTTP://LOCALHOST:8000/', 'localhost:8000'],
    ['https://app.example.com/back', 'app.example.com'],
    ['https://app.example.com:443/back', 'app.example.com'],
    ['https://app.example.com/back', 'app.example.com:443'],
    ['https://app.example.com:8443/back#done', 'app.example.com:8443'],
    ['http://127.0.0.1:5000/', '127.0.0.1:5000'],
    ['http://[::1]:5000/', '[::1]:5000'],
  ])('lets the browser go to %s for %s', (next, host) => {
    expect(isAllowedNext(next, host)).toBe(true);
  });

  it.each([
    ['http://evil.example/', 'localhost:8000', 'another host'],
    ['http://localhost:8001/', 'localhost:8000', 'another port'],
    ['http://localhost/', 'localhost:8000', 'the default port'],
    ['http://localhost:8000.evil.example/', 'localhost:8000', 'a host that only starts alike'],
    ['http://user@localhost:8000/', 'localhost:8000', 'userinfo'],
    ['http://localhost:8000@evil.example/', 'localhost:8000', 'userinfo that looks like the host'],
    ['http://evil.example\\@localhost:8000/', 'localhost:8000', 'a backslash'],
    ['http:\\\\localhost:8000/', 'localhost:8000', 'backslashes for slashes'],
    ['http:localhost:8000/', 'localhost:8000', 'a scheme without //'],
    ['//localhost:8000/', 'localhost:8000', 'a scheme-relative URL'],
    ['/sso/auth/', 'localhost:8000', 'a relative URL'],
    ['javascript://localhost:8000/%0aalert(1)', 'localhost:8000', 'another scheme'],
    ['ftp://localhost:8000/', 'localhost:8000', 'ftp'],
    ['http://app.example.com/back', 'app.example.com', 'plain http off localhost'],
    ['http://app.example.com:443/back', 'app.example.com:443', 'plain http to port 443'],
    ['https://app.example.com:8443/', 'app.example.com', 'https on another port'],
    ['http://localhost:8000/ back', 'localhost:8000', 'whitespace'],
    ['http://localhost:8000/\nback', 'localhost:8000', 'a control character'],
    ['not a url', 'localhost:8000', 'no URL at all'],
  ])('refuses %s for %s (%s)', (next, host) => {
    expect(isAllowedNext(next, host)).toBe(false);
  });
});

describe('withQueryParameters', () => {
  it('adds the tokens after the existing query, leaving it as written', () => {
    expect(
      withQueryParameters('http://localhost:8000/sso/auth/?redirect=%2Fprofile%2F&x=a+b', {
        request_token: 'R',
        auth_token: 'A',
      }),
    ).toBe('http://localhost:8000/sso/auth/?redirect=%2Fprofile%2F&x=a+b&request_token=R&auth_token=A');
  });

  it('replaces tokens of the same names already in the query', () => {
    expect(
      withQueryParameters('http://localhost:8000/?auth_token=forged&a=1&request%5Ftoken=old', {
        request_token: 'R',
        auth_token: 'A',
      }),
    ).toBe('http://localhost:8000/?a=1&request_token=R&auth_token=A');
  });

  it('keeps the fragment after the query', () => {
    expect(withQueryParameters('https://app.example.com/back#top', { request_token: 'R' })).toBe(
      'https://app.example.com/back?request_token=R#top',
    );
  });
});
