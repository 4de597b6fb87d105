import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { banner } from '../../src/banner.js';
import { loadConfig } from '../../src/config/load-config.js';

const readerLine = (config: Parameters<typeof banner>[0]) =>
  banner(config, 'http://localhost:3000')
    .split('\n')
    .find((line) => line.startsWith('  demo reader:'));

describe('the banner', () => {
  it("says who reads the demo collection under the demo's policy", () => {
    expect(readerLine(loadConfig({}))).toBe(
      '  demo reader:   db1.user_collection1 (100 documents): user1 and staff read it, user2 may only count it',
    );
  });

  it('leaves who reads it to the policy file when READER_POLICY names one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'signet-banner-')), 'reader-policy.json');
    writeFileSync(file, '{"rules": []}');
    expect(readerLine(loadConfig({ READER_POLICY: file }))).toBe(
      `  demo reader:   db1.user_collection1 (100 documents): who may read it is up to READER_POLICY (${file})`,
    );
  });
});
