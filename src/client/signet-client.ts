import { randomBytes } from 'node:crypto';
import { formatBasicIsoDate } from '../domain/api-auth/timestamps.js';
import { parseJson } from '../domain/shared/safe-json.js';
import { signUrlV1 } from './sign-v1.js';
import { signHeadersV2 } from './sign-v2.js';

export { signUrlV1, type SignUrlV1Input } from './sign-v1.js';
export { signHeadersV2, type SignedHeadersV2, type SignHeadersV2Input } from './sign-v2.js';

export type SignetProtocol = 'v1' | 'v2';

export interface SignetClientOptions {
  /** Where Signet listens, such as `https://signet.example.com`; a path prefix is kept. */
  baseUrl: string;
  apiKey: string;
  secretKey: string;
  /** v2 (the default) signs the method, the headers and a nonce; v1 is dj-api-auth's protocol. */
  protocol?: SignetProtocol;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** A fresh v2 nonce: at least 16 random bytes, base64url. */
  nonce?: () => string;
  /** Waits this many milliseconds; setTimeout by default. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SignetRequestOptions {
  body?: Uint8Array | string;
  /** Sent as given; with v2 they are signed too. */
  headers?: Readonly<Record<string, string>>;
}

/** A response that was not 2xx, with the server's `{"error": ...}` message when it sent one. */
export class SignetResponseError extends Error {
  override readonly name = 'SignetResponseError';

  constructor(
    readonly status: number,
    readonly serverMessage: string | null,
    readonly url: string,
  ) {
    super(`${status} from ${url}${serverMessage === null ? '' : `: ${serverMessage}`}`);
  }
}

/** Sends requests signed with protocol v1 or v2 (docs/signing.md) through fetch. */
export class SignetClient {
  private readonly baseUrl: string;
  private readonly protocol: SignetProtocol;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly nonce: () => string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SignetClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.protocol = options.protocol ?? 'v2';
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.nonce = options.nonce ?? randomNonce;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Signs and sends one request; `pathAndQuery` starts with `/`. Resolves whatever the status.
   * A v2 request refused as `replayed request` is signed again once, dated the next second, with
   * a fresh nonce: a nonce is random, so that refusal means the request was dated before a server's
   * replay horizon (it has just started or lost its cache), and the server ran nothing.
   */
  async request(method: string, pathAndQuery: string, { body, headers = {} }: SignetRequestOptions = {}): Promise<Response> {
    const url = `${this.baseUrl}${pathAndQuery}`;
    const init: RequestInit = { method: method.toUpperCase(), ...(body === undefined ? {} : { body: toBodyInit(body) }) };
    if (this.protocol === 'v1') {
      const { apiKey, secretKey } = this.options;
      const signed = signUrlV1({ apiKey, secretKey, url, body, timestamp: Math.floor(this.now() / 1000) });
      return this.fetch(signed, { ...init, headers });
    }
    const signedAt = this.now();
    const first = await this.sendV2(method, url, init, body, headers, signedAt);
    if (first.status !== 403 || (await errorMessage(first.clone())) !== 'replayed request') return first;
    await first.body?.cancel();
    await this.sleep(Math.max(0, Math.floor(signedAt / 1000) * 1000 + 1000 - this.now()));
    return this.sendV2(method, url, init, body, headers, Math.max(this.now(), Math.floor(signedAt / 1000) * 1000 + 1000));
  }

  private sendV2(
    method: string,
    url: string,
    init: RequestInit,
    body: Uint8Array | string | undefined,
    headers: Readonly<Record<string, string>>,
    at: number,
  ): Promise<Response> {
    const { apiKey, secretKey } = this.options;
    const signature = signHeadersV2({
      apiKey,
      secretKey,
      method,
      url,
      body,
      date: formatBasicIsoDate(at),
      nonce: this.nonce(),
      headers,
    });
    return this.fetch(url, { ...init, headers: { ...headers, ...signature } });
  }

  get(pathAndQuery: string, options: Omit<SignetRequestOptions, 'body'> = {}): Promise<Response> {
    return this.request('GET', pathAndQuery, options);
  }

  post(pathAndQuery: string, body?: Uint8Array | string, options: Omit<SignetRequestOptions, 'body'> = {}): Promise<Response> {
    return this.request('POST', pathAndQuery, { ...options, body });
  }

  /** GETs and parses the JSON answer; a status other than 2xx rejects with a SignetResponseError. */
  async getJson<T = unknown>(pathAndQuery: string, options: Omit<SignetRequestOptions, 'body'> = {}): Promise<T> {
    const response = await this.get(pathAndQuery, options);
    if (!response.ok) throw new SignetResponseError(response.status, await errorMessage(response), pathAndQuery);
    return parseJson(await response.text()) as T;
  }
}

/** 16 random bytes, base64url: 22 characters. */
export function randomNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** fetch takes only ArrayBuffer-backed views; a copy is cheap next to the request. */
function toBodyInit(body: Uint8Array | string): BodyInit {
  return typeof body === 'string' ? body : new Uint8Array(body);
}

async function errorMessage(response: Response): Promise<string | null> {
  try {
    const parsed = parseJson(await response.text());
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
    return typeof error === 'string' ? error : null;
  } catch {
    return null;
  }
}
