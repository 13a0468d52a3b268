// @ts-check
// What a plugin merge does to a plugin-loading build it overlaps, per policy. The race is decided once per
// (build attempt, plugin merge) pair, at the moment they first overlap.
import { record, releaseSlot, scheduleEnd } from './state.js';

/**
 * @param {import('./state.js').State} state
 * @param {import('./state.js').Attempt} attempt
 * @param {{ pkg: number; start: number; end: number }} merging
 */
export function onOverlap(state, attempt, merging) {
  const { options, stats } = state;
  attempt.overlaps++;
  stats.overlaps++;
  if (options.policy === 'merge-wait') return;
  const settle = options.settleSec ?? 0.75;
  if (options.policy === 'plugin-settle' && attempt.pausedUntil > state.now) {
    // Already waiting in the shim for an earlier merge: it waits on until this one has settled too.
    extendPause(state, attempt, Math.max(attempt.pausedUntil, merging.end + settle));
    return;
  }
  const p = options.raceProbability ?? 0;
  if (p <= 0 || drawRng(options).next() >= p) return;
  if (options.policy === 'unprotected') {
    // The build dies here. Portage would stop the emerge; the "rebuilt" variant builds it again once the
    // plugin that broke it has merged, as a user re-running emerge would.
    stats.failedBuilds++;
    stats.rebuilds++;
    stats.wastedSec += state.now - attempt.tryStart;
    releaseSlot(state, attempt, 'failed');
    state.afterMerge.push(attempt.pkg);
    return;
  }
  const resume = merging.end + settle;
  if (drawRng(options).next() < (options.healMissProbability ?? 0)) {
    // The heal did not apply: the wrapper waits for the merge to settle, then runs the build again.
    stats.rebuilds++;
    stats.wastedSec += state.now - attempt.tryStart;
    stats.waitSec += resume - state.now;
    record(state, { kind: 'retried', pkg: attempt.pkg, start: attempt.tryStart, end: state.now });
    attempt.tryStart = resume;
    attempt.pausedUntil = resume;
    attempt.end = resume + (state.graph.build[attempt.pkg] ?? 0);
    scheduleEnd(state, attempt);
    return;
  }
  stats.heals++;
  attempt.pausedUntil = state.now;
  extendPause(state, attempt, resume);
}

/**
 * @param {import('./state.js').State} state
 * @param {import('./state.js').Attempt} attempt
 * @param {number} resume
 */
function extendPause(state, attempt, resume) {
  const added = resume - attempt.pausedUntil;
  if (added <= 0) return;
  state.stats.waitSec += added;
  attempt.pausedUntil = resume;
  attempt.end += added;
  scheduleEnd(state, attempt);
}

/** @param {import('./state.js').SimOptions} options */
function drawRng(options) {
  if (!options.rng) throw new Error('raceProbability > 0 needs an rng');
  return options.rng;
}
