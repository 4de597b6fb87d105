import { canonicalRequestV2, stringToSignV2 } from './canonical-request-v2.js';
import type { ParsedSignedRequest } from './parsed-signed-request.js';

/**
 * What the server signed when it checked a request, for a client developer to compare with what
 * their client signed (API_AUTH_DEBUG). It holds nothing secret: it is made from the request alone.
 */
export type SignatureExplanation =
  | {
      readonly protocol: 'v1';
      /** The target as sent, without `signature`, followed by the body: the form most clients sign. */
      readonly stringToSign: string;
      /** The same as dj-api-auth's server rebuilt it, also accepted; absent when it is the same text. */
      readonly rebuiltStringToSign?: string;
    }
  | {
      readonly protocol: 'v2';
      readonly canonicalRequest: string;
      readonly stringToSign: string;
    };

/** The strings a request's signature was checked against; bodies are shown as UTF-8 text. */
export function explainSignature(request: ParsedSignedRequest): SignatureExplanation {
  if (request.protocol === 'v1') {
    const body = Buffer.from(request.body).toString('utf8');
    const rebuilt = request.target.rebuiltText();
    return {
      protocol: 'v1',
      stringToSign: `${request.target.signedText}${body}`,
      ...(rebuilt === null ? {} : { rebuiltStringToSign: `${rebuilt}${body}` }),
    };
  }
  const canonicalRequest = canonicalRequestV2(request.parts);
  return { protocol: 'v2', canonicalRequest, stringToSign: stringToSignV2(request.date, canonicalRequest) };
}
