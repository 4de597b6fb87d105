import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/adapters/cli/cli-io.js';
import { parseCommand } from '../../../src/adapters/cli/parse-args.js';

const spec = {
  usage: 'signet key create [--api NAME]...',
  options: { api: { type: 'string', multiple: true }, note: { type: 'string' } },
  positionals: [0, 1],
} as const;

describe('parseCommand', () => {
  it('reads repeated options and positionals', () => {
    const parsed = parseCommand(['--api', 'GET /a/', 'x', '--api', 'GET /b/'], spec);
    expect(parsed).toEqual({ values: { api: ['GET /a/', 'GET /b/'] }, positionals: ['x'], help: false });
  });

  it('refuses an unknown option with the usage line', () => {
    expect(() => parseCommand(['--apis', 'x'], spec)).toThrow(UsageError);
    try {
      parseCommand(['--apis', 'x'], spec);
    } catch (error) {
      expect((error as UsageError).usage).toBe(spec.usage);
    }
  });

  it('refuses an option that takes one value given twice, rather than keeping the last', () => {
    expect(() => parseCommand(['--note', 'a', '--note', 'b'], spec)).toThrow(/--note is given more than once/);
    expect(() => parseCommand(['--note=a', '--note', 'a'], spec)).toThrow(UsageError);
  });

  it('refuses an option without its value', () => {
    expect(() => parseCommand(['--note'], spec)).toThrow(UsageError);
  });

  it('refuses too many positionals', () => {
    expect(() => parseCommand(['a', 'b'], spec)).toThrow(/expected 0 to 1 argument, got 2/);
  });

  it('takes --help whatever else is missing', () => {
    expect(parseCommand(['--help', 'a', 'b'], spec).help).toBe(true);
  });
});
