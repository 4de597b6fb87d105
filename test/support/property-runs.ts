/**
 * How many cases a property test generates: `full` in CI (CI=true), a tenth of it (at least one)
 * elsewhere, so that the loop after each change stays quick while CI still searches as widely.
 */
export function propertyRuns(full: number): number {
  return process.env.CI === 'true' ? full : Math.max(1, Math.ceil(full / 10));
}
