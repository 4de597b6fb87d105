import { connect } from 'node:net';

/** A response as it came off the socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` byte for byte to the server at `baseUrl` and reads the first response: for
 * requests fetch would not send as written (too many headers, a target no URL parser keeps).
 * `request` is everything up to the body; a body, if any, is written after it.
 */
export function rawRequest(baseUrl: string, request: string, body?: Buffer | string): Promise<RawResponse> {
  // The answer to a HEAD announces the length of a body it never sends.
  const head = request.startsWith('HEAD ');
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      const parsed = parseResponse(Buffer.concat(chunks), head);
      if (!parsed) return;
      settled = true;
      socket.destroy();
      resolve(parsed);
    };
    socket.on('connect', () => {
      socket.write(request);
      if (body !== undefined) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    // The server may close the connection while the request is still being written (a 413 or 414).
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    socket.on('close', () => {
      if (settled) return;
      const parsed = parseResponse(Buffer.concat(chunks), head);
      if (parsed) resolve(parsed);
      else reject(new Error(`the connection closed without a whole response: ${Buffer.concat(chunks).toString('latin1')}`));
    });
  });
}

/** A GET of `target` with the given extra header lines. */
export function rawGet(baseUrl: string, target: string, headerLines: readonly string[] = []): Promise<RawResponse> {
  const { host } = new URL(baseUrl);
  return rawRequest(
    baseUrl,
    [`GET ${target} HTTP/1.1`, `Host: ${host}`, ...headerLines, 'Connection: close', '', ''].join('\r\n'),
  );
}

/** Header lines for rawGet from a record of names and values. */
export function headerLines<Headers extends { readonly [Name in keyof Headers]: string }>(headers: Headers): string[] {
  const lines: string[] = [];
  for (const name in headers) lines.push(`${name}: ${headers[name]}`);
  return lines;
}

/** The first whole response in `data` (with a Content-Length body), or null while it is incomplete. */
function parseResponse(data: Buffer, head: boolean): RawResponse | null {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return null;
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = head ? 0 : Number(headers['content-length'] ?? 0);
  if (data.length < end + 4 + length) return null;
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: data.subarray(end + 4, end + 4 + length).toString('utf8'),
  };
}
