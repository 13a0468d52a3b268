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
export function createState(
  graph: import('./graph.js').Graph,
  options: SimOptions,
): {
  graph: import('./graph.js').Graph;
  options: SimOptions;
  now: number;
  /** @type {MinHeap<{ time: number; seq: number; attempt?: Attempt; version?: number; merge?: number }>} */
  events: MinHeap<{
    time: number;
    seq: number;
    attempt?: Attempt;
    version?: number;
    merge?: number;
  }>;
  seq: number;
  ready: MinHeap<number>;
  waitingDeps: Int32Array<ArrayBuffer>;
  /** @type {Set<Attempt>} */
  running: Set<Attempt>;
  /** @type {number[]} */
  mergeQueue: number[];
  /** @type {{ pkg: number; start: number; end: number } | null} */
  merging: {
    pkg: number;
    start: number;
    end: number;
  } | null;
  /** @type {number[]} builds that failed on the running merge, ready again once it is over */
  afterMerge: number[];
  barrier: {
    waits: (pkg: number) => boolean;
    queue(pkg: number): void;
    release(state: { running: Set<unknown>; merging: unknown; mergeQueue: number[] }): boolean;
    blocksBuilds: () => boolean;
    merged(pkg: number): void;
  } | null;
  merged: number;
  stats: {
    failedBuilds: number;
    rebuilds: number;
    heals: number;
    overlaps: number;
    slotBusy: number;
    waitSec: number;
    wastedSec: number;
    /** times the merge-wait queue was released */
    releases: number;
    /** summed over packages: from the end of its build to the start of its merge */
    mergeDelaySec: number;
  };
  /** when each package's build ended */
  builtAt: Float64Array<ArrayBuffer>;
  /** overlaps per finished build attempt → how many attempts: the race-free schedule's exposure */
  exposure: Map<number, number>;
  /** @type {Interval[]} */
  trace: Interval[];
};
/** @param {State} state @param {Attempt} attempt */
export function scheduleEnd(state: State, attempt: Attempt): void;
/** @param {State} state @param {Interval} interval */
export function record(state: State, interval: Interval): void;
/** @param {State} state @param {Attempt} attempt the attempt leaves its slot, built or not */
export function releaseSlot(state: State, attempt: Attempt, kind?: 'build' | 'failed'): void;
export type Policy = 'merge-wait' | 'unprotected' | 'plugin-settle';
export type SimOptions = {
  jobs: number;
  policy: Policy;
  /**
   * per plugin merge overlapping a plugin-loading build
   */
  raceProbability?: number | undefined;
  /**
   * plugin-settle: chance that the raced build is retried from scratch
   */
  healMissProbability?: number | undefined;
  settleSec?: number | undefined;
  /**
   * draws races; required when raceProbability > 0
   */
  rng?: import('./prng.js').Rng | undefined;
  /**
   * without merge-wait, the deep system deps still wait (Portage's default
   * --implicit-system-deps=y); false models --implicit-system-deps=n, i.e. no barrier at all
   */
  systemBarrier?: boolean | undefined;
  /**
   * keep every build attempt and merge as an interval
   */
  trace?: boolean | undefined;
};
/**
 * 'build' holds a slot until the package is built (with plugin-settle, across waits and in-place retries);
 * 'failed' held a slot until the build died; 'retried' is a try that plugin-settle ran again in the same slot.
 */
export type Attempt = {
  pkg: number;
  start: number;
  tryStart: number;
  end: number;
  pausedUntil: number;
  overlaps: number;
  version: number;
};
export type Interval = {
  kind: 'build' | 'failed' | 'retried' | 'merge';
  pkg: number;
  start: number;
  end: number;
};
export type State = ReturnType<typeof createState>;

import { MinHeap } from './heap.js';
