import { z } from 'zod';

/** How the reader's JSON routes answer: Signet's own way, or as dj-mongo-reader did (for pages written for it). */
export const readerCompatModes = ['off', 'dj-mongo-reader'] as const;
export type ReaderCompat = (typeof readerCompatModes)[number];

export const readerCompatShape = {
  READER_COMPAT: z.enum(readerCompatModes, { error: `accepts ${readerCompatModes.join(' or ')}` }).default('off'),
};

type ReaderCompatRaw = z.infer<z.ZodObject<typeof readerCompatShape>>;

export interface ReaderCompatConfig {
  /**
   * dj-mongo-reader: every answer of the reader's JSON routes in dj-mongo-reader's shape, refusals
   * of the query at HTTP 200 (authentication's stay 401/403); off: Signet's own answers.
   */
  readerCompat: ReaderCompat;
}

export function readReaderCompat(raw: ReaderCompatRaw): ReaderCompatConfig {
  return { readerCompat: raw.READER_COMPAT };
}
