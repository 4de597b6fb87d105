import { connect, type Socket } from 'node:net';

/** A response as the load generator reads it: enough to check it and to take what a flow needs next. */
export interface BenchResponse {
  status: number;
  /** Header values by lower-case name (the last one when repeated; Set-Cookie joined by `\n`). */
  headers: Map<string, string>;
  body: Buffer;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * One keep-alive HTTP/1.1 connection that sends one request at a time and parses the answer
 * itself. Node's http client would cost the generator several times the CPU of this, and the
 * generator shares the machine with the server it measures.
 */
export class HttpConnection {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (response: BenchResponse) => void; reject: (error: Error) => void } | undefined;

  constructor(private readonly port: number) {}

  /** Writes `request` (a whole HTTP/1.1 request, bytes as sent) and resolves with the answer. */
  async send(request: Buffer): Promise<BenchResponse> {
    const socket = await this.open();
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private async open(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = connect(this.port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    this.buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    const fail = (error: Error): void => {
      this.socket = undefined;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
    this.socket = socket;
    return socket;
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const response = parseResponse(this.buffered);
    if (!response) return;
    this.buffered = this.buffered.subarray(response.length);
    const waiting = this.waiting;
    this.waiting = undefined;
    if (response.response.headers.get('connection') === 'close') this.close();
    waiting?.resolve(response.response);
  }
}

/** The first whole response in `data` and the bytes it took; null while it is incomplete. */
function parseResponse(data: Buffer): { response: BenchResponse; length: number } | null {
  const end = data.indexOf(CRLF2);
  if (end === -1) return null;
  const head = data.toString('latin1', 0, end).split('\r\n');
  const status = Number(head[0]?.slice(9, 12));
  const headers = new Map<string, string>();
  for (let i = 1; i < head.length; i += 1) {
    const line = head[i]!;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, name === 'set-cookie' && headers.has(name) ? `${headers.get(name)}\n${value}` : value);
  }
  const start = end + 4;
  if (headers.get('transfer-encoding') === 'chunked') return parseChunked(data, start, status, headers);
  const length = Number(headers.get('content-length') ?? 0);
  if (data.length < start + length) return null;
  return { response: { status, headers, body: data.subarray(start, start + length) }, length: start + length };
}

function parseChunked(
  data: Buffer,
  start: number,
  status: number,
  headers: Map<string, string>,
): { response: BenchResponse; length: number } | null {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) return null;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (data.length < lineEnd + 2 + size + 2) return null;
    if (size === 0) return { response: { status, headers, body: Buffer.concat(parts) }, length: lineEnd + 4 };
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** A GET as bytes, with these extra header lines. */
export function getRequest(port: number, target: string, headers: Readonly<Record<string, string>> = {}): Buffer {
  let text = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  return Buffer.from(`${text}\r\n`, 'latin1');
}

/** A POST of a urlencoded form as bytes. */
export function postFormRequest(
  port: number,
  target: string,
  form: string,
  headers: Readonly<Record<string, string>> = {},
): Buffer {
  let text = `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(form)}\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  return Buffer.from(`${text}\r\n${form}`, 'utf8');
}
