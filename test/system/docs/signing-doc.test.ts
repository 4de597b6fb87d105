import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/adapters/memory/memory-cache.js';
import { MemoryCredentialStore } from '../../../src/adapters/memory/memory-credential-store.js';
import { AuthenticateApiRequest } from '../../../src/application/api-auth/authenticate-api-request.js';
import { DEMO_API_KEY } from '../../../src/application/demo/demo-data.js';
import { signHeadersV2, signUrlV1 } from '../../../src/client/signet-client.js';
import { parseV1Request } from '../../../src/domain/api-auth/canonical-request-v1.js';
import { canonicalRequestV2, stringToSignV2 } from '../../../src/domain/api-auth/canonical-request-v2.js';
import { sha256Hex } from '../../../src/domain/api-auth/hmac.js';
import type { SignedRequest } from '../../../src/domain/api-auth/signed-request.js';
import { signV1 } from '../../../src/domain/api-auth/signature-v1.js';
import { signV2 } from '../../../src/domain/api-auth/signature-v2.js';
import { parseBasicIsoDate } from '../../../src/domain/api-auth/timestamps.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { aUser } from '../../support/user-mother.js';

/**
 * docs/signing.md marks each worked-example value with a fenced block whose info string is
 * `<language> example=<name>`; every one of them is recomputed here from the inputs block.
 */
const page = readFileSync(new URL('../../../docs/signing.md', import.meta.url), 'utf8');
const examples = new Map<string, string>(
  [...page.matchAll(/^```\w+ example=([\w.-]+)\n([\s\S]*?)\n```$/gm)].map((match) => [match[1]!, match[2]!]),
);

function example(name: string): string {
  const text = examples.get(name);
  if (text === undefined) throw new Error(`docs/signing.md has no block marked example=${name}`);
  return text;
}

/** `name: value` lines; the value is everything after the first colon, trimmed. */
function inputs(name: string): Map<string, string> {
  return new Map(
    example(name)
      .split('\n')
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as const;
      }),
  );
}

function input(values: Map<string, string>, name: string): string {
  const value = values.get(name);
  if (value === undefined) throw new Error(`an inputs block of docs/signing.md lacks "${name}"`);
  return value;
}

function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** The verifier as the service wires it, holding the demo key, with its clock at `now`. */
async function verifierAt(now: number, debug = false): Promise<AuthenticateApiRequest> {
  // A cache that has been running for a minute: a new one remembers nonces only from its next second.
  const clock = new FixedClock(now - 60_000);
  const cache = new MemoryCache({ clock });
  clock.set(now);
  const credentialStore = new MemoryCredentialStore();
  await credentialStore.save({
    apiKey: DEMO_API_KEY.apiKey,
    secretKeys: [{ value: DEMO_API_KEY.secretKey, createdAt: 0, expiresAt: null }],
    username: null,
    entryPoints: new Set(DEMO_API_KEY.entryPoints),
    note: '',
    ssoHost: null,
    createdAt: 0,
    lastUsedAt: null,
    lastUsedFrom: null,
    revoked: false,
    disabled: false,
    expiresAt: null,
    rateLimitPerMinute: null,
  });
  return new AuthenticateApiRequest({
    credentialStore,
    userDirectory: { findByUsername: async (username) => aUser({ username }) },
    cache,
    clock,
    logger: { info() {}, warn() {}, error() {} },
    authFailures: { record() {} },
    config: { apiAuth: { allowedDriftSeconds: 300, debug } },
  });
}

function signedRequest(method: string, url: string, body: string, headers: Record<string, string> = {}): SignedRequest {
  const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    method,
    rawUrl: pathAndQuery(url),
    headers: lowerCased,
    body: Buffer.from(body),
    entryPoint: `${method} ${new URL(url).pathname}`,
    address: null,
  };
}

describe('the v1 worked example of docs/signing.md', () => {
  const given = inputs('v1.inputs');
  const secretKey = input(given, 'SEC key');
  const body = input(given, 'body');
  const timestamp = Number(input(given, 'timestamp'));

  it('uses the demo key', () => {
    expect([input(given, 'API key'), secretKey]).toEqual([DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey]);
  });

  it('shows the URL the client signs', () => {
    const url = signUrlV1({ apiKey: input(given, 'API key'), secretKey, url: input(given, 'URL'), body, timestamp });
    expect(url).toBe(example('v1.url'));
  });

  it('shows the string the server signs: the target without the signature, then the body', () => {
    const [asSent] = parseV1Request(pathAndQuery(example('v1.url'))).stringsToSign();
    expect(`${asSent}${body}`).toBe(example('v1.string-to-sign'));
  });

  it('shows the signature of that string, which the URL carries', () => {
    const [asSent] = parseV1Request(pathAndQuery(example('v1.url'))).stringsToSign();
    const signature = signV1(secretKey, asSent!, body);
    expect(signature).toBe(example('v1.signature'));
    expect(parseV1Request(pathAndQuery(example('v1.url'))).parameters.signature).toBe(signature);
  });

  it('is accepted by the verifier at its timestamp', async () => {
    const verifier = await verifierAt(timestamp * 1000);
    const request = signedRequest(input(given, 'method'), example('v1.url'), body);
    await expect(verifier.execute(request)).resolves.toMatchObject({ apiKey: DEMO_API_KEY.apiKey, protocol: 'v1' });
  });
});

describe('the API_AUTH_DEBUG example of docs/signing.md', () => {
  it('is what the server answers the v1 worked example sent with a wrong signature', async () => {
    const given = inputs('v1.inputs');
    const verifier = await verifierAt(Number(input(given, 'timestamp')) * 1000, true);
    const forged = example('v1.url').replace(/signature=[^&]+$/, 'signature=AAAA');
    const refusal: unknown = await verifier
      .execute(signedRequest('POST', forged, input(given, 'body')))
      .catch((error: unknown) => error);
    const { error, ...explanation } = JSON.parse(example('v1.debug')) as Record<string, unknown>;
    expect(error).toBe('signature error');
    expect(refusal).toMatchObject({ message: 'signature error' });
    expect((refusal as { explanation: unknown }).explanation).toEqual(explanation);
  });
});

describe('the v2 worked example of docs/signing.md', () => {
  const given = inputs('v2.inputs');
  const secretKey = input(given, 'SEC key');
  const body = input(given, 'body');
  const method = input(given, 'method');
  const url = input(given, 'URL');
  const date = input(given, 'X-Signet-Date');
  const headers: Record<string, string> = {
    host: new URL(url).host,
    'content-type': input(given, 'Content-Type'),
    'x-signet-date': date,
    'x-signet-nonce': input(given, 'X-Signet-Nonce'),
  };
  const parts = {
    method,
    rawUrl: pathAndQuery(url),
    headers: (name: string) => headers[name],
    signedHeaders: ['content-type'],
    body,
  };

  it('uses the demo key', () => {
    expect([input(given, 'API key'), secretKey]).toEqual([DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey]);
  });

  it('shows the canonical request', () => {
    expect(canonicalRequestV2(parts)).toBe(example('v2.canonical-request'));
  });

  it('shows the hash of the canonical request', () => {
    expect(sha256Hex(example('v2.canonical-request'))).toBe(example('v2.canonical-request-hash'));
  });

  it('shows the string to sign', () => {
    expect(stringToSignV2(date, canonicalRequestV2(parts))).toBe(example('v2.string-to-sign'));
  });

  it('shows the signature', () => {
    expect(signV2(secretKey, date, parts)).toBe(example('v2.signature'));
  });

  it('shows the headers the client sends', () => {
    const signed = signHeadersV2({
      apiKey: input(given, 'API key'),
      secretKey,
      method,
      url,
      body,
      date,
      nonce: input(given, 'X-Signet-Nonce'),
      headers: { 'Content-Type': input(given, 'Content-Type') },
    });
    const lines = Object.entries(signed).map(([name, value]) => `${name}: ${value}`);
    expect(lines.join('\n')).toBe(example('v2.headers'));
  });

  it('is accepted by the verifier at its date', async () => {
    const verifier = await verifierAt(parseBasicIsoDate(date)!);
    const sent = Object.fromEntries(
      example('v2.headers')
        .split('\n')
        .map((line) => line.split(/: (.*)/s).slice(0, 2)),
    );
    const request = signedRequest(method, url, body, { ...headers, ...sent });
    await expect(verifier.execute(request)).resolves.toMatchObject({ apiKey: DEMO_API_KEY.apiKey, protocol: 'v2' });
  });
});

// python3 is required, as for the admin's "Try a request" snippets: CI installs it where it is missing.
describe('the Python examples of docs/signing.md', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'signet-doc-'));
    writeFileSync(join(dir, 'signet_v1.py'), example('v1.python'));
    writeFileSync(join(dir, 'signet_v2.py'), example('v2.python'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `expression` with both example modules imported, and returns what it prints. */
  function runPython(expression: string): string {
    const script = `import json, signet_v1, signet_v2\nprint(${expression})`;
    return execFileSync('python3', ['-c', script], { cwd: dir, encoding: 'utf8' }).trimEnd();
  }

  it('signs the v1 worked example into the URL shown', () => {
    const given = inputs('v1.inputs');
    const url = runPython(
      `signet_v1.sign_v1(${JSON.stringify(input(given, 'URL'))}, ${JSON.stringify(input(given, 'API key'))}, ` +
        `${JSON.stringify(input(given, 'SEC key'))}, ${JSON.stringify(input(given, 'body'))}.encode(), ${input(given, 'timestamp')})`,
    );
    expect(url).toBe(example('v1.url'));
  });

  it('signs the v2 worked example into the headers shown', () => {
    const given = inputs('v2.inputs');
    const printed = runPython(
      `json.dumps(signet_v2.sign_v2(${JSON.stringify(input(given, 'method'))}, ${JSON.stringify(input(given, 'URL'))}, ` +
        `${JSON.stringify(input(given, 'API key'))}, ${JSON.stringify(input(given, 'SEC key'))}, ` +
        `${JSON.stringify(input(given, 'body'))}.encode(), {"Content-Type": ${JSON.stringify(input(given, 'Content-Type'))}}, ` +
        `${JSON.stringify(input(given, 'X-Signet-Date'))}, ${JSON.stringify(input(given, 'X-Signet-Nonce'))}))`,
    );
    const headers = JSON.parse(printed) as Record<string, string>;
    const lines = ['X-Signet-Date', 'X-Signet-Nonce', 'Authorization'].map((name) => `${name}: ${headers[name]}`);
    expect(lines.join('\n')).toBe(example('v2.headers'));
  });
});

describe('the security notes of docs/signing.md, which must stay true', () => {
  it('v1: moving bytes from the end of the query into the body keeps the signature, as the page warns', () => {
    expect(page).toContain('There is no boundary between the query and the body');
    const target = '/api/goodbye/?apikey=483a570a&timestamp=1795867200.123456';
    const moved = parseV1Request('/api/goodbye/?apikey=483a570a&timestamp=1795867200');
    const signature = signV1(DEMO_API_KEY.secretKey, target, '');
    expect(signV1(DEMO_API_KEY.secretKey, moved.signedText, '.123456')).toBe(signature);
  });
});
