import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../support/config-problems.js';

describe('READER_COMPAT', () => {
  it('is off by default, and takes dj-mongo-reader', () => {
    expect(loadConfig({}).readerCompat).toBe('off');
    expect(loadConfig({ READER_COMPAT: 'dj-mongo-reader' }).readerCompat).toBe('dj-mongo-reader');
  });

  it('refuses anything else, naming what it accepts', () => {
    expect(configProblems({ READER_COMPAT: 'mongo-express' })).toEqual([
      'READER_COMPAT="mongo-express": accepts off or dj-mongo-reader',
    ]);
  });
});
