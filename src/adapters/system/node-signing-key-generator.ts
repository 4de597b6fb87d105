import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { SigningAlgorithm, SigningKey } from '../../domain/oidc/signing-key.js';
import type { SigningKeyGenerator } from '../../domain/oidc/signing-key-store.port.js';

const generate = promisify(generateKeyPair);

/** Key pairs from node:crypto: P-256 for ES256, 2048-bit RSA for RS256. */
export class NodeSigningKeyGenerator implements SigningKeyGenerator {
  async generate(alg: SigningAlgorithm, now: number, activatesAt = now): Promise<SigningKey> {
    const { privateKey } =
      alg === 'ES256' ? await generate('ec', { namedCurve: 'P-256' }) : await generate('rsa', { modulusLength: 2048 });
    const kid = randomBytes(12).toString('base64url');
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
    return { kid, alg, privateJwk: JSON.stringify(jwk), createdAt: now, activatesAt };
  }
}
