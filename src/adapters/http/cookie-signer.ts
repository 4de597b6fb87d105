import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * Signs and checks the `.sig` of signed cookies as Keygrip (what Koa uses by default) does, with the
 * same signatures (HMAC-SHA1 of `name=value`, base64url without padding), so cookies signed before
 * stay valid. Keygrip compares a signature by computing two more HMACs (tsscmp), three per cookie
 * read; this computes one and compares it in constant time. Each key is turned into OpenSSL's key
 * object once, not on every signature.
 */
export class CookieSigner {
  /** `keys[0]` signs; any of them verifies, so that a retired key's cookies stay valid for a while. */
  private readonly signingKey: KeyObject;
  private readonly keys: readonly KeyObject[];

  constructor(keys: readonly string[]) {
    this.keys = keys.map((key) => createSecretKey(Buffer.from(key, 'utf8')));
    const [first] = this.keys;
    if (first === undefined) throw new Error('a cookie signer needs at least one key');
    this.signingKey = first;
  }

  sign(data: string): string {
    return signature(data, this.signingKey);
  }

  verify(data: string, digest: string): boolean {
    return this.index(data, digest) > -1;
  }

  /** The index of the key that signed `data` with `digest`; -1 when none did. */
  index(data: string, digest: string): number {
    const received = Buffer.from(digest);
    return this.keys.findIndex((key) => {
      const expected = Buffer.from(signature(data, key));
      return expected.length === received.length && timingSafeEqual(expected, received);
    });
  }
}

function signature(data: string, key: KeyObject): string {
  return createHmac('sha1', key).update(data).digest('base64url');
}
