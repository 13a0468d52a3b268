// @ts-check
// The seeded plan of one parallel-build experiment: K builds (compile time before and after the moment
// egg_info loads plugins) and M plugin merges. Each merge is tied to a seeded build: its metadata lands a
// seeded fraction of its gap before that build's plugin load, so the gap spans the load and the race is
// real in every cell, on a slow machine as on a fast one; other builds fall into gaps by chance. One plan
// serves every N and every strategy, so their rows differ only by how they schedule.
import { createRng } from '../model/prng.js';

/**
 * @typedef {{ id: number, preMs: number, postMs: number }} PlannedBuild
 * @typedef {{ name: string, afterBuild: number, offsetMs: number, gapMs: number }} PluginMerge
 *   offsetMs: from the moment build `afterBuild` starts compiling to the merge's first write
 * @typedef {{ seed: number, builds: PlannedBuild[], merges: PluginMerge[] }} Plan
 * @typedef {[number, number]} Range
 */

export const PLAN_DEFAULTS = {
  builds: 10,
  merges: 3,
  /** Compile time before egg_info loads plugins (a PEP 517 build prepares metadata late, in bdist_wheel). */
  preMs: /** @type {Range} */ ([1800, 2800]),
  /** Compile time after the load: what a build that lost the race no longer spends. */
  postMs: /** @type {Range} */ ([200, 400]),
  /** The pause between a plugin's metadata and its code: the window a plugin load falls into. */
  gapMs: /** @type {Range} */ ([600, 1000]),
  /** Where in the gap the tied build's plugin load falls, leaving room on both sides for a late signal
   * (the merge lands late) and a late load (the build is slow). */
  loadAt: /** @type {Range} */ ([0.3, 0.6]),
};

/**
 * @param {{ seed: number, builds?: number, merges?: number, preMs?: Range, postMs?: Range, gapMs?: Range, loadAt?: Range }} options
 * @returns {Plan}
 */
export function makePlan(options) {
  const { seed, builds, merges, preMs, postMs, gapMs, loadAt } = { ...PLAN_DEFAULTS, ...options };
  if (builds < 2) throw new Error('a parallel-build plan needs at least 2 builds');
  const rng = createRng(seed);
  const times = rng.fork('builds');
  const landing = rng.fork('merges');
  const draw = (/** @type {import('../model/prng.js').Rng} */ from, /** @type {Range} */ [min, max]) =>
    min + (max - min) * from.next();
  const planned = Array.from({ length: builds }, (_, id) => ({
    id,
    preMs: Math.round(draw(times, preMs)),
    postMs: Math.round(draw(times, postMs)),
  }));
  return {
    seed,
    builds: planned,
    merges: Array.from({ length: merges }, (_, i) => {
      // Never the last build: a merge should have builds after it, which merge-wait must hold back.
      const afterBuild = Math.floor(landing.next() * (builds - 1));
      const gap = Math.round(draw(landing, gapMs));
      const before = Math.round(gap * draw(landing, loadAt));
      const load = planned[afterBuild]?.preMs ?? 0;
      return { name: `plug${i}`, afterBuild, offsetMs: Math.max(0, load - before), gapMs: gap };
    }),
  };
}
