import { describe, expect, it } from 'vitest';
import { relyingPartyFor } from '../../../../src/domain/passkeys/relying-party.js';

describe('the relying party a public URL gives', () => {
  it('is the host name and the origin of an https URL, whatever its path', () => {
    expect(relyingPartyFor('https://id.example.com/signet/')).toEqual({
      id: 'id.example.com',
      origin: 'https://id.example.com',
      name: 'Signet',
    });
    expect(relyingPartyFor('https://id.example.com:8443')).toMatchObject({
      id: 'id.example.com',
      origin: 'https://id.example.com:8443',
    });
  });

  it('takes http on localhost, as browsers do', () => {
    expect(relyingPartyFor('http://localhost:3000')).toMatchObject({ id: 'localhost', origin: 'http://localhost:3000' });
    expect(relyingPartyFor('http://signet.localhost:3000')).toMatchObject({ id: 'signet.localhost' });
  });

  it.each([
    ['http://127.0.0.1:3000', /IP address 127\.0\.0\.1/],
    ['https://10.0.0.5', /IP address/],
    ['https://[::1]:3000', /IP address/],
    ['http://signet.example.com', /not https/],
  ])('gives none for %s, saying why', (url, why) => {
    const found = relyingPartyFor(url);
    expect(found).toHaveProperty('problem');
    expect('problem' in found ? found.problem : '').toMatch(why);
  });
});
