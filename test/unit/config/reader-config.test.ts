import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../support/config-problems.js';

describe('the reader configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}).reader).toEqual({
      source: 'memory',
      policyFile: undefined,
      policyModule: undefined,
      limits: { defaultLimit: 50, maxLimit: 1000, maxTimeMs: 5000, exportMaxRows: 100_000, sampleSize: 1000 },
    });
  });

  it('reads every setting, and keeps the default limit within the cap', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'signet-policy-')), 'policy.json');
    writeFileSync(file, '{"rules": []}');
    const config = loadConfig({
      READER_SOURCE: 'mongo',
      READER_POLICY: file,
      READER_POLICY_MODULE: './check.mjs',
      READER_DEFAULT_LIMIT: '500',
      READER_MAX_LIMIT: '200',
      READER_MAX_TIME_MS: '1500',
      READER_EXPORT_MAX_ROWS: '10',
      READER_SAMPLE_SIZE: '20',
    });
    expect(config.reader).toEqual({
      source: 'mongo',
      policyFile: file,
      policyModule: './check.mjs',
      limits: { defaultLimit: 200, maxLimit: 200, maxTimeMs: 1500, exportMaxRows: 10, sampleSize: 20 },
    });
  });

  it('lists every bad setting at once, naming what each accepts', () => {
    expect(
      configProblems({
        READER_SOURCE: 'postgres',
        READER_POLICY: '/nowhere/policy.json',
        READER_MAX_LIMIT: '0',
        READER_MAX_TIME_MS: 'soon',
      }),
    ).toEqual([
      'READER_SOURCE="postgres": accepts memory or mongo',
      'READER_POLICY="/nowhere/policy.json": accepts the path of an existing JSON file',
      'READER_MAX_LIMIT="0": accepts a whole number from 1 to 100000',
      'READER_MAX_TIME_MS="soon": accepts a whole number of milliseconds from 1 to 600000',
    ]);
  });
});
