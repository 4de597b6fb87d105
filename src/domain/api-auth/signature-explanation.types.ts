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
