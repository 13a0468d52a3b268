// @ts-check
// The scheduler's state and the few operations both the scheduler and the race rules use.
import { MinHeap } from './heap.js';
import { createMergeWait } from './merge-wait.js';

/** @typedef {'merge-wait' | 'unprotected' | 'plugin-settle'} Policy */
/**
 * @typedef {object} SimOptions
 * @property {number} jobs
 * @property {Policy} policy
 * @property {number} [raceProbability] per plugin merge overlapping a plugin-loading build
 * @property {number} [healMissProbability] plugin-settle: chance that the raced build is retried from scratch
 * @property {number} [settleSec]
 * @property {import('./prng.js').Rng} [rng] draws races; required when raceProbability > 0
 * @property {boolean} [systemBarrier] without merge-wait, the deep system deps still wait (Portage's default
 *   --implicit-system-deps=y); false models --implicit-system-deps=n, i.e. no barrier at all
 * @property {boolean} [trace] keep every build attempt and merge as an interval
 */
/**
 * @typedef {{ pkg: number; start: number; tryStart: number; end: number; pausedUntil: number; overlaps: number; version: number }} Attempt
 * 'build' holds a slot until the package is built (with plugin-settle, across waits and in-place retries);
 * 'failed' held a slot until the build died; 'retried' is a try that plugin-settle ran again in the same slot.
 * @typedef {{ kind: 'build' | 'failed' | 'retried' | 'merge'; pkg: number; start: number; end: number }} Interval
 * @typedef {ReturnType<typeof createState>} State
 */

/** @param {import('./graph.js').Graph} graph @param {SimOptions} options */
export function createState(graph, options) {
  return {
    graph,
    options,
    now: 0,
    /** @type {MinHeap<{ time: number; seq: number; attempt?: Attempt; version?: number; merge?: number }>} */
    events: new MinHeap((a, b) => a.time - b.time || a.seq - b.seq),
    seq: 0,
    ready: new MinHeap((/** @type {number} */ a, /** @type {number} */ b) => a - b),
    waitingDeps: Int32Array.from(graph.deps, (deps) => deps.length),
    /** @type {Set<Attempt>} */
    running: new Set(),
    /** @type {number[]} */
    mergeQueue: [],
    /** @type {{ pkg: number; start: number; end: number } | null} */
    merging: null,
    /** @type {number[]} builds that failed on the running merge, ready again once it is over */
    afterMerge: [],
    barrier:
      options.policy === 'merge-wait'
        ? createMergeWait(() => true)
        : options.systemBarrier
          ? createMergeWait((pkg) => graph.isSystem[pkg] === 1)
          : null,
    merged: 0,
    stats: {
      failedBuilds: 0,
      rebuilds: 0,
      heals: 0,
      overlaps: 0,
      slotBusy: 0,
      waitSec: 0,
      wastedSec: 0,
      /** times the merge-wait queue was released */
      releases: 0,
      /** summed over packages: from the end of its build to the start of its merge */
      mergeDelaySec: 0,
    },
    /** when each package's build ended */
    builtAt: new Float64Array(graph.size),
    /** overlaps per finished build attempt → how many attempts: the race-free schedule's exposure */
    exposure: /** @type {Map<number, number>} */ (new Map()),
    /** @type {Interval[]} */
    trace: [],
  };
}

/** @param {State} state @param {Attempt} attempt */
export function scheduleEnd(state, attempt) {
  attempt.version++;
  state.events.push({ time: attempt.end, seq: state.seq++, attempt, version: attempt.version });
}

/** @param {State} state @param {Interval} interval */
export function record(state, interval) {
  if (state.options.trace) state.trace.push(interval);
}

/** @param {State} state @param {Attempt} attempt the attempt leaves its slot, built or not */
export function releaseSlot(state, attempt, kind = /** @type {'build' | 'failed'} */ ('build')) {
  state.running.delete(attempt);
  state.stats.slotBusy += state.now - attempt.start;
  record(state, { kind, pkg: attempt.pkg, start: attempt.start, end: state.now });
}
