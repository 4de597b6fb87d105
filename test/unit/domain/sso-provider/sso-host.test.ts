import { describe, expect, it } from 'vitest';
import { normalizeSsoHost } from '../../../../src/domain/sso-provider/sso-host.js';

describe('normalizeSsoHost', () => {
  it.each([
    ['localhost:8000', 'localhost:8000'],
    ['App.Example.COM', 'app.example.com'],
    [' app.example.com:8443 ', 'app.example.com:8443'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['[::1]:5000', '[::1]:5000'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeSsoHost(input)).toBe(expected);
  });

  it.each([
    'http://localhost:8000',
    'localhost:8000/path',
    'user@localhost',
    'localhost:0',
    'localhost:65536',
    'bad host',
    '',
    '-x.example',
    'localhost:',
  ])('refuses %s', (input) => {
    expect(normalizeSsoHost(input)).toBeNull();
  });
});
