import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import type { TestTier } from './tiers.js';

/** Without a recorded duration, a file is guessed as slow as its tier: processes and Chromium first, the core last. */
const TIER_ORDER: readonly TestTier['name'][] = ['system', 'http', 'adapters', 'core'];

/**
 * Runs the longest files first, across all four tiers at once, so that the two workers finish
 * together rather than one waiting on a long file started last. Vitest's own order takes the tiers
 * one after the other by name, which left the system tier's long files (processes, Chromium, the
 * docs run as pasted) to the end. A file's duration is the last run's where one is recorded (after
 * a first run on this machine); otherwise its tier decides, and within a tier the larger file first.
 */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const keyOf = (spec: TestSpecification) => `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
    const recorded = (spec: TestSpecification) => cache.getFileTestResults(keyOf(spec))?.duration;
    const tierRank = (spec: TestSpecification) => {
      const rank = TIER_ORDER.findIndex((name) => name === spec.project.name);
      return rank === -1 ? TIER_ORDER.length : rank;
    };
    const size = (spec: TestSpecification) => cache.getFileStats(keyOf(spec))?.size ?? 0;
    return [...files].sort((a, b) => {
      const durationA = recorded(a);
      const durationB = recorded(b);
      if (durationA !== undefined && durationB !== undefined) return durationB - durationA;
      // A file never run (new, or a first run) goes first: it may be long, and a short one costs little.
      if (durationA === undefined && durationB !== undefined) return -1;
      if (durationB === undefined && durationA !== undefined) return 1;
      return tierRank(a) - tierRank(b) || size(b) - size(a);
    });
  }
}
