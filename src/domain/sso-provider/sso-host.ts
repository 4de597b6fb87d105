/** A host an SSO key serves, split into the parts `next` URLs are compared on. */
export interface HostAndPort {
  /** Lower-case; an IPv6 address keeps its brackets, as URL.hostname gives it. */
  readonly hostname: string;
  /** null when the host was given without a port: the scheme's default port then applies. */
  readonly port: number | null;
}

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const hostPattern = new RegExp(`^(${label}(?:\\.${label})*|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?$`);

/**
 * The canonical form of an SSO host (`localhost:8000`, `app.example.com`): lower-case, no scheme,
 * path or userinfo; a port from 1 to 65535 when there is one. null when `input` is not such a host.
 */
export function normalizeSsoHost(input: string): string | null {
  const parsed = parseSsoHost(input);
  if (!parsed) return null;
  return parsed.port === null ? parsed.hostname : `${parsed.hostname}:${parsed.port}`;
}

/** The parts of a host as `normalizeSsoHost` accepts it; null when it does not. */
export function parseSsoHost(input: string): HostAndPort | null {
  const match = hostPattern.exec(input.trim().toLowerCase());
  if (!match) return null;
  const [, hostname = '', portText] = match;
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { hostname, port };
}
