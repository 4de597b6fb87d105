/** The part of @hapi/hawk the bench uses (the package ships no types). */
declare module '@hapi/hawk' {
  import type { IncomingMessage } from 'node:http';

  export interface Credentials {
    id: string;
    key: string;
    algorithm: 'sha256' | 'sha1';
    [extra: string]: unknown;
  }

  export interface ServerOptions {
    nonceFunc?: (key: string, nonce: string, ts: string) => Promise<void> | void;
    timestampSkewSec?: number;
    payload?: string;
  }

  export const server: {
    authenticate(
      req: IncomingMessage,
      credentialsFunc: (id: string) => Promise<Credentials | null> | Credentials | null,
      options?: ServerOptions,
    ): Promise<{ credentials: Credentials; artifacts: Record<string, unknown> }>;
  };

  export const client: {
    header(
      uri: string,
      method: string,
      options: { credentials: Credentials; ext?: string; payload?: string; contentType?: string },
    ): { header: string };
  };
}
