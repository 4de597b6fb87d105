import { DEMO_API_KEY } from '../../application/demo/demo-data.js';
import { randomNonce, signHeadersV2, signUrlV1 } from '../../client/signet-client.js';
import { parseSignedRequest } from '../../domain/api-auth/parsed-signed-request.js';
import { explainSignature } from '../../domain/api-auth/signature-explanation.js';
import { formatBasicIsoDate } from '../../domain/api-auth/timestamps.js';
import { UsageError, type CliIo } from './cli-io.js';
import { curlCommand } from './curl-command.js';
import type { CliHost } from './cli-host.js';
import { parseCommand } from './parse-args.js';

export const signUsage = {
  v1: 'signet sign URL [--data BODY] [--key KEY --secret SEC] [--explain]',
  v2: 'signet sign --v2 METHOD URL [--data BODY] [--key KEY --secret SEC] [--explain] [--curl]',
} as const;

const usage = `${signUsage.v1}\n       ${signUsage.v2}`;

/**
 * Prints a v1-signed URL, or with `--v2` the v2 headers as `Name: value` lines, for curl; with
 * `--curl` as well, the whole curl command that sends the request, quoted for a POSIX shell. The
 * key pair comes from the options, then SIGNET_API_KEY and SIGNET_SEC_KEY, then (outside
 * production) the demo key. The SEC key itself is never printed. `--explain` also prints, on
 * stderr, what was signed (the canonical request, the string to sign), as the server will compute it.
 */
export async function signCommand(args: readonly string[], { io, clock, isProduction }: CliHost): Promise<number> {
  const { values, positionals, help } = parseCommand(args, {
    usage,
    options: {
      v2: { type: 'boolean' },
      data: { type: 'string', short: 'd' },
      key: { type: 'string' },
      secret: { type: 'string' },
      explain: { type: 'boolean' },
      curl: { type: 'boolean' },
    },
    positionals: [1, 2],
    mayBeEmpty: ['data'],
  });
  if (help) {
    io.out(`usage: ${usage}`);
    return 0;
  }
  const { apiKey, secretKey } = keyPair(values, io.env, isProduction);
  const body = values.data ?? '';
  if (!values.v2) {
    const [url] = positionals;
    if (values.curl) throw new UsageError('--curl goes with --v2 (a v1-signed URL is given to curl as it is)', usage);
    if (url === undefined || positionals.length !== 1) throw new UsageError('sign takes one URL (with --v2: METHOD URL)', usage);
    if (!isSignableUrl(url)) throw new UsageError(`"${url}" is neither an http(s) URL nor a path starting with /`, usage);
    const signed = signUrlV1({ apiKey, secretKey, url, body, timestamp: Math.floor(clock.now() / 1000) });
    if (values.explain) explain(io, 'GET', new URL(signed, 'http://signet.invalid'), {}, body);
    io.out(signed);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('sign --v2 takes a METHOD and a URL', usage);
  const [method, url] = positionals as [string, string];
  if (!/^[A-Za-z]+$/.test(method)) throw new UsageError(`"${method}" is not an HTTP method`, usage);
  if (!isAbsoluteHttpUrl(url)) throw new UsageError('sign --v2 needs an absolute http(s) URL: its host is signed', usage);
  const signed = signHeadersV2({
    apiKey,
    secretKey,
    method: method.toUpperCase(),
    url,
    body,
    date: formatBasicIsoDate(clock.now()),
    nonce: randomNonce(),
  });
  const headers: Record<string, string> = { ...signed };
  if (values.explain) {
    const target = new URL(url);
    const sent: Record<string, string> = { host: target.host };
    for (const [name, value] of Object.entries(headers)) sent[name.toLowerCase()] = value;
    explain(io, method.toUpperCase(), target, sent, body);
  }
  if (values.curl) io.out(curlCommand(method.toUpperCase(), url, headers, values.data));
  else for (const [name, value] of Object.entries(headers)) io.out(`${name}: ${value}`);
  return 0;
}

/** What the server will sign for this request, on stderr, so that stdout stays what curl takes. */
function explain(io: CliIo, method: string, target: URL, headers: Record<string, string>, body: string): void {
  const rawUrl = `${target.pathname}${target.search}`;
  const explanation = explainSignature(
    parseSignedRequest({ method, rawUrl, headers, body: Buffer.from(body, 'utf8'), entryPoint: '', address: null }),
  );
  if (explanation.protocol === 'v2') {
    io.err('canonical request:');
    for (const line of explanation.canonicalRequest.split('\n')) io.err(`  ${line}`);
  }
  io.err('string to sign:');
  for (const line of explanation.stringToSign.split('\n')) io.err(`  ${line}`);
}

function keyPair(
  values: { key?: string | undefined; secret?: string | undefined },
  env: CliIo['env'],
  isProduction: boolean,
): { apiKey: string; secretKey: string } {
  const apiKey = values.key ?? env.SIGNET_API_KEY;
  const secretKey = values.secret ?? env.SIGNET_SEC_KEY;
  if (apiKey && secretKey) return { apiKey, secretKey };
  if (!apiKey && !secretKey && !isProduction) return { apiKey: DEMO_API_KEY.apiKey, secretKey: DEMO_API_KEY.secretKey };
  const missing = apiKey ? '--secret (or SIGNET_SEC_KEY)' : secretKey ? '--key (or SIGNET_API_KEY)' : 'a key pair';
  throw new UsageError(`sign needs ${missing}${isProduction ? '; there is no demo key in production' : ''}`, usage);
}

function isAbsoluteHttpUrl(url: string): boolean {
  return URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
}

/** What v1 can sign: an absolute http(s) URL, or a path (with its query) for the caller to prefix. */
function isSignableUrl(url: string): boolean {
  return isAbsoluteHttpUrl(url) || (url.startsWith('/') && !url.startsWith('//'));
}
