import { formatV2Authorization } from '../domain/api-auth/authorization-header.js';
import { normalizeSignedHeaders, V2_DATE_HEADER, V2_NONCE_HEADER } from '../domain/api-auth/canonical-request-v2.js';
import { signV2 } from '../domain/api-auth/signature-v2.js';

/** What a protocol v2 signature needs. */
export interface SignHeadersV2Input {
  apiKey: string;
  secretKey: string;
  method: string;
  /** An absolute URL; its host (with the port, when not the default) is the signed `Host`. */
  url: string;
  body?: Uint8Array | string;
  /** ISO 8601 basic UTC, such as `20261128T120000Z`. */
  date: string;
  /** At least 16 random bytes, base64url: a server accepts each one once. */
  nonce: string;
  /** Further headers to send and sign, such as `Content-Type`. Names are case-insensitive. */
  headers?: Readonly<Record<string, string>>;
}

/** The headers that carry a v2 signature. */
export interface SignedHeadersV2 {
  'X-Signet-Date': string;
  'X-Signet-Nonce': string;
  Authorization: string;
}

/**
 * Signs a request with protocol v2 and returns the three headers to send along with `headers`.
 * Every header in `headers` is signed, as are `Host`, `X-Signet-Date` and `X-Signet-Nonce`.
 */
export function signHeadersV2(input: SignHeadersV2Input): SignedHeadersV2 {
  const url = new URL(input.url);
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers ?? {})) values.set(name.toLowerCase(), value);
  values.set('host', url.host);
  values.set(V2_DATE_HEADER, input.date);
  values.set(V2_NONCE_HEADER, input.nonce);
  const signedHeaders = normalizeSignedHeaders([...values.keys()]);
  const signature = signV2(input.secretKey, input.date, {
    method: input.method,
    rawUrl: `${url.pathname}${url.search}`,
    headers: (name) => values.get(name),
    signedHeaders,
    body: input.body ?? '',
  });
  return {
    'X-Signet-Date': input.date,
    'X-Signet-Nonce': input.nonce,
    Authorization: formatV2Authorization({ apiKey: input.apiKey, signedHeaders, signature }),
  };
}
