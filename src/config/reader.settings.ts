import { statSync } from 'node:fs';
import { z } from 'zod';
import { wholeNumber } from './fields.js';

export const readerSources = ['memory', 'mongo'] as const;
export type ReaderSource = (typeof readerSources)[number];

/** The MongoDB reader: where documents come from, who may read them, and what one query may cost. */
export const readerShape = {
  READER_SOURCE: z.enum(readerSources).default('memory'),
  READER_POLICY: z.string().min(1).refine(isFile, { error: 'accepts the path of an existing JSON file' }).optional(),
  READER_POLICY_MODULE: z.string().min(1).optional(),
  READER_DEFAULT_LIMIT: wholeNumber(1, 100_000, 'accepts a whole number from 1 to 100000').default(50),
  READER_MAX_LIMIT: wholeNumber(1, 100_000, 'accepts a whole number from 1 to 100000').default(1000),
  READER_MAX_TIME_MS: wholeNumber(1, 600_000, 'accepts a whole number of milliseconds from 1 to 600000').default(5000),
  READER_EXPORT_MAX_ROWS: wholeNumber(1, 10_000_000, 'accepts a whole number from 1 to 10000000').default(100_000),
  READER_SAMPLE_SIZE: wholeNumber(1, 100_000, 'accepts a whole number from 1 to 100000').default(1000),
};

type ReaderRaw = z.infer<z.ZodObject<typeof readerShape>>;

export interface ReaderConfig {
  reader: {
    source: ReaderSource;
    /** The policy file; without one the demo's policy applies where the demo runs, and elsewhere every query is refused. */
    policyFile: string | undefined;
    /** A module whose default export has the last word on each query the rules allow. */
    policyModule: string | undefined;
    /** What one query may cost (the domain's ReaderLimits). */
    limits: {
      defaultLimit: number;
      maxLimit: number;
      maxTimeMs: number;
      exportMaxRows: number;
      sampleSize: number;
    };
  };
}

export function readReader(raw: ReaderRaw): ReaderConfig {
  return {
    reader: {
      source: raw.READER_SOURCE,
      policyFile: raw.READER_POLICY,
      policyModule: raw.READER_POLICY_MODULE,
      limits: {
        defaultLimit: Math.min(raw.READER_DEFAULT_LIMIT, raw.READER_MAX_LIMIT),
        maxLimit: raw.READER_MAX_LIMIT,
        maxTimeMs: raw.READER_MAX_TIME_MS,
        exportMaxRows: raw.READER_EXPORT_MAX_ROWS,
        sampleSize: raw.READER_SAMPLE_SIZE,
      },
    },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
