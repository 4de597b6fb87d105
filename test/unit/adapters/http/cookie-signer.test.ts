import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CookieSigner } from '../../../../src/adapters/http/cookie-signer.js';

describe('CookieSigner', () => {
  it('signs as Keygrip did, so that the cookies of a running Signet stay valid across the change', () => {
    // Keygrip(['s3cret']).sign('a=b'), computed with keygrip 1.1.
    expect(new CookieSigner(['s3cret']).sign('a=b')).toBe('e2__WPILDtp_06Tjej6bDjFTl4A');
  });

  it('accepts its own signature and refuses any other', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (data, key, forged) => {
        const signer = new CookieSigner([key]);
        const digest = signer.sign(data);
        expect(signer.index(data, digest)).toBe(0);
        expect(signer.verify(data, digest)).toBe(true);
        fc.pre(forged !== digest);
        expect(signer.verify(data, forged)).toBe(false);
        expect(signer.verify(`${data}x`, digest)).toBe(false);
      }),
    );
  });

  it('signs with the first key and says which key verified', () => {
    const signer = new CookieSigner(['new', 'old']);
    const byOld = createHmac('sha1', 'old').update('n=v').digest('base64url');
    expect(signer.sign('n=v')).toBe(createHmac('sha1', 'new').update('n=v').digest('base64url'));
    expect(signer.index('n=v', byOld)).toBe(1);
    expect(signer.index('n=v', `${byOld}=`)).toBe(-1);
  });
});
