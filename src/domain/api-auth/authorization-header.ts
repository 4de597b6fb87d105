import { V2_ALGORITHM } from './canonical-request-v2.js';

/** The fields of `Authorization: SIGNET-HMAC-SHA256 Credential=.., SignedHeaders=.., Signature=..`. */
export interface V2Authorization {
  readonly apiKey: string;
  readonly signedHeaders: readonly string[];
  /** Lower-case hex as sent; a malformed one simply fails verification. */
  readonly signature: string;
}

/** True when the header announces protocol v2, whether or not the rest of it is well-formed. */
export function isV2Authorization(header: string | undefined): header is string {
  return header !== undefined && header.startsWith(`${V2_ALGORITHM} `);
}

/**
 * Reads a v2 Authorization header; null when a field is missing or malformed. A field named twice
 * keeps its last value; fields it does not know are ignored.
 */
export function parseV2Authorization(header: string): V2Authorization | null {
  let apiKey: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  for (const part of header.slice(V2_ALGORITHM.length + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals === -1) return null;
    const name = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (name === 'Credential') apiKey = value;
    else if (name === 'SignedHeaders') signedHeaders = value;
    else if (name === 'Signature') signature = value;
  }
  if (!apiKey || !signedHeaders || !signature) return null;
  return { apiKey, signedHeaders: signedHeaders.split(';'), signature };
}

export function formatV2Authorization(auth: V2Authorization): string {
  return `${V2_ALGORITHM} Credential=${auth.apiKey}, SignedHeaders=${auth.signedHeaders.join(';')}, Signature=${auth.signature}`;
}
