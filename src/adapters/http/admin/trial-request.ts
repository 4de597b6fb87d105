import { signHeadersV2, signUrlV1 } from '../../../client/signet-client.js';
import { parseSignedRequest } from '../../../domain/api-auth/parsed-signed-request.js';
import { explainSignature, type SignatureExplanation } from '../../../domain/api-auth/signature-explanation.js';
import { formatBasicIsoDate } from '../../../domain/api-auth/timestamps.js';

/** A request to sign on the "Try a request" page. */
export interface Trial {
  apiKey: string;
  protocol: 'v1' | 'v2';
  method: string;
  /** Absolute http(s). */
  url: string;
  body: string;
  /** Sent, and signed with v2, when not empty. */
  contentType: string;
}

/** What the page shows: what the server signs, the signature, and the request as code. No SEC key anywhere. */
export interface SignedTrial {
  explanation: SignatureExplanation;
  signature: string;
  curl: string;
  python: string;
  typescript: string;
}

/**
 * Signs `trial` as a client following docs/signing.md would, then reads it back the way the server
 * does, so that the strings shown are the ones the server will compute. The snippets sign for
 * themselves with the SEC key from SIGNET_SEC_KEY; only curl's carries this signature (valid for
 * API_AUTH_ALLOWED_TIME_DRIFT seconds, and with v2 once).
 */
export function signTrial(trial: Trial, secretKey: string, now: number, nonce: string): SignedTrial {
  const { apiKey, method, url, body, contentType } = trial;
  const headers: Record<string, string> = contentType === '' ? {} : { 'Content-Type': contentType };
  if (trial.protocol === 'v1') {
    const signedUrl = signUrlV1({ apiKey, secretKey, url, body, timestamp: Math.floor(now / 1000) });
    const target = new URL(signedUrl);
    return {
      explanation: explain(method, `${target.pathname}${target.search}`, {}, body),
      signature: target.searchParams.get('signature') ?? '',
      curl: curl(method, signedUrl, headers, body),
      python: pythonV1(trial),
      typescript: typescript(trial, 'v1'),
    };
  }
  const signed = signHeadersV2({ apiKey, secretKey, method, url, body, date: formatBasicIsoDate(now), nonce, headers });
  const sent: Record<string, string> = { host: new URL(url).host };
  for (const [name, value] of Object.entries({ ...headers, ...signed })) sent[name.toLowerCase()] = value;
  const target = new URL(url);
  return {
    explanation: explain(method, `${target.pathname}${target.search}`, sent, body),
    signature: /Signature=([0-9a-f]+)/.exec(signed.Authorization)?.[1] ?? '',
    curl: curl(method, url, { ...headers, ...signed }, body),
    python: pythonV2(trial),
    typescript: typescript(trial, 'v2'),
  };
}

function explain(method: string, rawUrl: string, headers: Record<string, string>, body: string): SignatureExplanation {
  return explainSignature(
    parseSignedRequest({ method, rawUrl, headers, body: Buffer.from(body, 'utf8'), entryPoint: '', address: null }),
  );
}

/** A word for a POSIX shell, in single quotes. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function curl(method: string, url: string, headers: Record<string, string>, body: string): string {
  const lines = [`curl -X ${method}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  if (body !== '') lines.push(`  --data-raw ${shellQuote(body)}`);
  lines.push(`  ${shellQuote(url)}`);
  return lines.join(' \\\n');
}

/** A JSON string is a valid string literal in Python and in TypeScript alike. */
const literal = (text: string): string => JSON.stringify(text);

function pythonV1(trial: Trial): string {
  const headers = trial.contentType === '' ? '' : `, {"Content-Type": ${literal(trial.contentType)}}`;
  return [
    '# signet_v1.py is the client of docs/signing.md; the SEC key comes from the environment.',
    'import os',
    'from signet_v1 import send, sign_v1',
    '',
    `body = ${literal(trial.body)}.encode()`,
    `url = sign_v1(${literal(trial.url)}, ${literal(trial.apiKey)}, os.environ["SIGNET_SEC_KEY"], body)`,
    `print(*send(${literal(trial.method)}, url, body or None${headers}))`,
  ].join('\n');
}

function pythonV2(trial: Trial): string {
  const headers = trial.contentType === '' ? '{}' : `{"Content-Type": ${literal(trial.contentType)}}`;
  return [
    '# signet_v2.py is the client of docs/signing.md; the SEC key comes from the environment.',
    'import os',
    'from signet_v2 import send, sign_v2',
    '',
    `url = ${literal(trial.url)}`,
    `body = ${literal(trial.body)}.encode()`,
    `headers = sign_v2(${literal(trial.method)}, url, ${literal(trial.apiKey)}, os.environ["SIGNET_SEC_KEY"], body, ${headers})`,
    `print(*send(${literal(trial.method)}, url, body or None, headers))`,
  ].join('\n');
}

function typescript(trial: Trial, protocol: 'v1' | 'v2'): string {
  const url = new URL(trial.url);
  const options = [
    ...(trial.body === '' ? [] : [`body: ${literal(trial.body)}`]),
    ...(trial.contentType === '' ? [] : [`headers: { 'Content-Type': ${literal(trial.contentType)} }`]),
  ];
  return [
    '// The client of this repository: src/client/signet-client.ts. The SEC key comes from the environment.',
    "import { SignetClient } from './src/client/signet-client.js';",
    '',
    'const client = new SignetClient({',
    `  baseUrl: ${literal(url.origin)},`,
    `  apiKey: ${literal(trial.apiKey)},`,
    '  secretKey: process.env.SIGNET_SEC_KEY ?? "",',
    `  protocol: ${literal(protocol)},`,
    '});',
    `const response = await client.request(${literal(trial.method)}, ${literal(`${url.pathname}${url.search}`)}${
      options.length === 0 ? '' : `, { ${options.join(', ')} }`
    });`,
    'console.log(response.status, await response.text());',
  ].join('\n');
}
