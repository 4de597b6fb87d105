import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A WebAuthn authenticator in software, for tests that speak to Signet without a browser: it makes
 * P-256 passkeys (attestation "none"), and signs sign-in challenges with them, as a browser and a
 * platform authenticator would answer `navigator.credentials.create()` and `.get()`. It writes what
 * `PublicKeyCredential.toJSON()` gives; the origin it reports is the one it is told, so a test can lie.
 */
export class SoftAuthenticator {
  private readonly keys = new Map<string, { privateKey: KeyObject; userHandle: string; counter: number }>();

  /** `counterStep`: how much the counter rises per signature (0: an authenticator that keeps none). */
  constructor(
    private readonly origin: string,
    private readonly counterStep = 1,
  ) {}

  /** Answers registration options (the JSON Signet sent); the credential's id is returned with the answer. */
  create(options: CreationOptions, origin = this.origin): { id: string; response: string } {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const id = randomBytes(16).toString('base64url');
    const cose = cbor(
      new Map<number, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const credentialId = Buffer.from(id, 'base64url');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      rpIdHash(options.rp.id),
      Buffer.from([0x45]),
      counterBytes(0),
      Buffer.alloc(16),
      length,
      credentialId,
      cose,
    ]);
    const attestationObject = cbor(
      new Map<string, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    this.keys.set(id, { privateKey, userHandle: options.user.id, counter: 0 });
    const response = {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: clientData('webauthn.create', options.challenge, origin),
        attestationObject: attestationObject.toString('base64url'),
        transports: ['internal'],
      },
    };
    return { id, response: JSON.stringify(response) };
  }

  /** Answers sign-in options with the passkey `id` (the one made last by default), or as a copy of it would, with `counter`. */
  get(options: RequestOptions, choose: { id?: string; origin?: string; rpId?: string; counter?: number } = {}): string {
    const id = choose.id ?? [...this.keys.keys()].at(-1);
    const key = id === undefined ? undefined : this.keys.get(id);
    if (id === undefined || key === undefined) throw new Error('this authenticator holds no such passkey');
    // A counter chosen by the test is what a copy of the key would send: the authenticator's own goes on from where it was.
    if (choose.counter === undefined) key.counter += this.counterStep;
    const counter = choose.counter ?? key.counter;
    const authData = Buffer.concat([rpIdHash(choose.rpId ?? options.rpId), Buffer.from([0x05]), counterBytes(counter)]);
    const clientDataJSON = clientData('webauthn.get', options.challenge, choose.origin ?? this.origin);
    const signed = Buffer.concat([authData, createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest()]);
    return JSON.stringify({
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON,
        authenticatorData: authData.toString('base64url'),
        signature: sign('sha256', signed, key.privateKey).toString('base64url'),
        userHandle: key.userHandle,
      },
    });
  }
}

export interface CreationOptions {
  challenge: string;
  rp: { id: string };
  user: { id: string };
}

export interface RequestOptions {
  challenge: string;
  rpId: string;
}

function clientData(type: string, challenge: string, origin: string): string {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })).toString('base64url');
}

function rpIdHash(rpId: string): Buffer {
  return createHash('sha256').update(rpId).digest();
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

type CborValue = number | string | Buffer | Map<number | string, CborValue>;

/** The little of CBOR (RFC 8949) a COSE key and an attestation object need: integers, strings, bytes, maps. */
function cbor(value: CborValue): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  const parts = [head(5, value.size)];
  for (const [key, item] of value) parts.push(cbor(key), cbor(item));
  return Buffer.concat(parts);
}

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const bytes = Buffer.alloc(3);
  bytes[0] = (major << 5) | 25;
  bytes.writeUInt16BE(length, 1);
  return bytes;
}
