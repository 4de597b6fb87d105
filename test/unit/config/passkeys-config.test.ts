import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { startWarnings } from '../../../src/start-warnings.js';

describe('PASSKEYS and the relying party', () => {
  it('names the relying party after PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://id.example.com/' }).passkeys.relyingParty).toEqual({
      id: 'id.example.com',
      origin: 'https://id.example.com',
      name: 'Signet',
    });
  });

  it('derives it from HOST and PORT for development, as the OpenID issuer is', () => {
    expect(loadConfig({ PORT: '3100' }).passkeys.relyingParty).toMatchObject({
      id: 'localhost',
      origin: 'http://localhost:3100',
    });
  });

  it('turns passkeys off, and says why at start, where PUBLIC_URL gives no relying party', () => {
    const config = loadConfig({ PUBLIC_URL: 'http://10.1.2.3:3000' });
    expect(config.passkeys.relyingParty).toBeNull();
    expect(startWarnings(config)).toContainEqual(
      expect.stringMatching(/^Passkeys are off: PUBLIC_URL \(http:\/\/10\.1\.2\.3:3000\) names the IP address/),
    );
  });

  it('refuses to start with PASSKEYS=true where PUBLIC_URL gives no relying party', () => {
    expect(() => loadConfig({ PASSKEYS: 'true', PUBLIC_URL: 'http://signet.example.com' })).toThrow(
      /PASSKEYS: is true, but PUBLIC_URL gives no relying party/,
    );
  });

  it('turns them off quietly with PASSKEYS=false', () => {
    const config = loadConfig({ PASSKEYS: 'false', PUBLIC_URL: 'http://10.1.2.3:3000' });
    expect(config.passkeys).toEqual({ relyingParty: null, unavailableBecause: null });
    expect(startWarnings(config).some((warning) => warning.startsWith('Passkeys'))).toBe(false);
  });
});
