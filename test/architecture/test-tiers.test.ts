import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTiers } from '../tiers.js';

const root = new URL('../../', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(root, path)];
  });
}

/** The tiers' globs use `**` (any folders, or none) and `*` (any name part), as vitest reads them. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:[^/]+/)*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

const testFiles = filesUnder(join(root, 'test')).filter((path) => path.endsWith('.test.ts'));
const tiers = testTiers.map((tier) => ({ name: tier.name, patterns: tier.include.map(globToRegExp) }));

describe('the test tiers', () => {
  it('reads the globs the way vitest does', () => {
    const [pattern] = ['test/unit/**/*.test.ts'].map(globToRegExp);
    expect(pattern?.test('test/unit/a.test.ts')).toBe(true);
    expect(pattern?.test('test/unit/domain/reader/a.test.ts')).toBe(true);
    expect(pattern?.test('test/unitx/a.test.ts')).toBe(false);
    expect(pattern?.test('test/unit/a.test.tsx')).toBe(false);
  });

  it('put every test file in exactly one tier', () => {
    expect(testFiles.length).toBeGreaterThan(100);
    const misplaced = testFiles
      .map((path) => ({
        path,
        in: tiers.filter((tier) => tier.patterns.some((pattern) => pattern.test(path))).map((tier) => tier.name),
      }))
      .filter((file) => file.in.length !== 1);
    expect(misplaced).toEqual([]);
  });

  it('leave the number of cases of every property to propertyRuns, so CI runs all of them and a laptop a tenth', () => {
    const literal = testFiles.filter((path) => /numRuns:\s*\d/.test(readFileSync(join(root, path), 'utf8')));
    expect(literal).toEqual([]);
  });
});
