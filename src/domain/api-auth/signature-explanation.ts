import { canonicalRequestV2, stringToSignV2 } from './canonical-request-v2.js';
import type { ParsedSignedRequest } from './parsed-signed-request.js';
import type { SignatureExplanation } from './signature-explanation.types.js';

export type { SignatureExplanation } from './signature-explanation.types.js';

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
