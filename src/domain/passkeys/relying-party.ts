/** Who browsers are told they register a passkey with, and the page origin they must sign for. */
export interface RelyingParty {
  /** The host name of PUBLIC_URL: passkeys are scoped to it. */
  readonly id: string;
  /** The scheme, host and port of PUBLIC_URL: what the browser reports in each ceremony. */
  readonly origin: string;
  /** What the authenticator shows the user. */
  readonly name: string;
}

/**
 * The relying party a public URL gives, or why it gives none: WebAuthn scopes credentials to a
 * domain name (never an IP address), and browsers offer it only to secure pages (https, or http on
 * localhost).
 */
export function relyingPartyFor(publicUrl: string): RelyingParty | { problem: string } {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return { problem: 'is not an absolute URL' };
  }
  const host = url.hostname;
  if (host === '' || isIpAddress(host)) {
    return { problem: `names the IP address ${host}: passkeys need a domain name (localhost will do in development)` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalhost(host))) {
    return { problem: `is not https: browsers offer passkeys only to https pages (or http on localhost)` };
  }
  return { id: host, origin: url.origin, name: 'Signet' };
}

function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}
