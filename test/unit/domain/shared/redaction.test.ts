import { describe, expect, it } from 'vitest';
import { isSecretName, redactFields, redactTarget, redactText } from '../../../../src/domain/shared/redaction.js';

describe('redaction of secrets in what Signet writes down', () => {
  it('knows the names that carry secrets, however they are spelled', () => {
    for (const name of [
      'signature',
      'SecKey',
      'password',
      'request_token',
      'auth_token',
      'Cookie',
      'Authorization',
      'X-Signet-Nonce',
      'xSignetNonce',
      '_csrf',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['apikey', 'timestamp', 'next', 'username', 'route']) expect(isSecretName(name), name).toBe(false);
  });

  it('redacts secret query parameters, read decoded as a handler reads them', () => {
    expect(redactTarget('/api/hello/?apikey=k&timestamp=1&signature=abc%2B%3D')).toBe(
      '/api/hello/?apikey=k&timestamp=1&signature=[redacted]',
    );
    expect(redactTarget('/sso/authtoken/?request_token=r&auth_token=a&sig%6Eature=s&next=x&password')).toBe(
      '/sso/authtoken/?request_token=[redacted]&auth_token=[redacted]&sig%6Eature=[redacted]&next=x&password=[redacted]',
    );
    expect(redactTarget('/no/query/')).toBe('/no/query/');
  });

  it('redacts secret pairs inside any text: URLs, Authorization and Cookie headers', () => {
    expect(redactText('GET http://h/x?a=1&password=hunter2 failed')).toBe('GET http://h/x?a=1&password=[redacted] failed');
    expect(redactText('SIGNET-HMAC-SHA256 Credential=k, SignedHeaders=host, Signature=0af1')).toBe(
      'SIGNET-HMAC-SHA256 Credential=k, SignedHeaders=host, Signature=[redacted]',
    );
    expect(redactText('signet_session=abc; signet_session.sig=def; __Host-signet_csrf=ghi; theme=dark')).toBe(
      'signet_session=[redacted]; signet_session.sig=[redacted]; __Host-signet_csrf=[redacted]; theme=dark',
    );
  });

  it('redacts fields with secret names at any depth, and leaves the rest as it was', () => {
    expect(
      redactFields({
        headers: { authorization: 'Basic eDp5', 'x-signet-nonce': 'n', host: 'h' },
        nested: [{ password: 'p', user: 'ada' }],
        url: '/x?auth_token=t',
        count: 3,
      }),
    ).toEqual({
      headers: { authorization: '[redacted]', 'x-signet-nonce': '[redacted]', host: 'h' },
      nested: [{ password: '[redacted]', user: 'ada' }],
      url: '/x?auth_token=[redacted]',
      count: 3,
    });
  });
});
