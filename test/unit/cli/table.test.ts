import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src/adapters/cli/table.js';

describe('formatTable', () => {
  it('aligns the columns two spaces apart and leaves no trailing blanks', () => {
    expect(
      formatTable([
        ['API KEY', 'NOTE'],
        ['483a570a', ''],
        ['k', 'demo'],
      ]),
    ).toEqual(['API KEY   NOTE', '483a570a', 'k         demo']);
  });
});
