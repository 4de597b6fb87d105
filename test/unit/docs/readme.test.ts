import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { banner } from '../../../src/banner.js';
import { loadConfig } from '../../../src/config/load-config.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('shows the banner `npm start` prints on its defaults', () => {
    const shown = /```text banner\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(shown).toBe(banner(loadConfig({}), 'http://localhost:3000'));
  });
});
