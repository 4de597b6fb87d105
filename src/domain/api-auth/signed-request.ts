/** A request that claims to be signed, as the HTTP edge hands it to the domain. */
export interface SignedRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path and query exactly as received on the request line. */
  readonly rawUrl: string;
  /** Request headers by lower-case name, as Node's http module gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body; empty when there is none. */
  readonly body: Uint8Array;
  /** The entry point the router matched, by name. */
  readonly entryPoint: string;
  /** The client's address as the HTTP edge determined it (TRUST_PROXY decides whose word counts); null when unknown. */
  readonly address: string | null;
}

/** Who a verified request acts for. */
export interface ApiPrincipal {
  readonly apiKey: string;
  /** The user the key is bound to; null for an anonymous key. */
  readonly username: string | null;
  readonly protocol: 'v1' | 'v2';
}

/**
 * A header of the request by lower-case name; repeated headers joined by `, `. Only the request's
 * own headers count: Node's header object inherits from Object.prototype, so a name a client
 * chooses (`SignedHeaders=constructor`) must not reach an inherited member.
 */
export function headerOf(request: SignedRequest, name: string): string | undefined {
  if (!Object.hasOwn(request.headers, name)) return undefined;
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
