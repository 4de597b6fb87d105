export interface PropertyRunsOptions {
  /**
   * True for a property whose test then checks which kinds of case it met (every kind of answer
   * seen, say): a tenth of the cases may miss one, so it runs in full everywhere.
   */
  checksWhatItMet?: boolean;
}

/**
 * How many cases a property test generates: `full` in CI (CI=true), a tenth of it (at least one)
 * elsewhere, so that the loop after each change stays quick while CI still searches as widely.
 */
export function propertyRuns(full: number, options: PropertyRunsOptions = {}): number {
  if (options.checksWhatItMet || process.env.CI === 'true') return full;
  return Math.max(1, Math.ceil(full / 10));
}
