// @ts-check
// Replays a graph through a list scheduler the way Portage's Scheduler does it: J build slots, a package
// builds once all its dependencies have merged, the first ready package in merge-list order goes first,
// merges run one at a time in the order builds finished. Only the policy decides what may overlap.
import { onOverlap } from './races.js';
import { createState, record, releaseSlot, scheduleEnd } from './state.js';

/** @typedef {import('./state.js').State} State @typedef {import('./state.js').Attempt} Attempt */

/** @param {State} state @param {number} pkg */
function startBuild(state, pkg) {
  const start = state.now;
  /** @type {Attempt} */
  const attempt = {
    pkg,
    start,
    tryStart: start,
    end: start + (state.graph.build[pkg] ?? 0),
    pausedUntil: 0,
    overlaps: 0,
    version: 0,
  };
  state.running.add(attempt);
  scheduleEnd(state, attempt);
  const merging = state.merging;
  if (merging && state.graph.isPlugin[merging.pkg] && state.graph.loadsPlugins[pkg])
    onOverlap(state, attempt, merging);
}

/** @param {State} state @param {number} pkg */
function startMerge(state, pkg) {
  const merging = { pkg, start: state.now, end: state.now + (state.graph.merge[pkg] ?? 0) };
  state.stats.mergeDelaySec += state.now - (state.builtAt[pkg] ?? 0);
  state.merging = merging;
  state.events.push({ time: merging.end, seq: state.seq++, merge: pkg });
  if (!state.graph.isPlugin[pkg]) return;
  for (const attempt of [...state.running])
    if (state.graph.loadsPlugins[attempt.pkg]) onOverlap(state, attempt, merging);
}

/**
 * Portage's _schedule_tasks: release the merge-wait queue if it may go, start a merge, fill the slots.
 * @param {State} state
 */
function schedule(state) {
  for (let changed = true; changed; ) {
    changed = state.barrier?.release(state) ?? false;
    if (changed) state.stats.releases++;
    if (!state.merging && state.mergeQueue.length > 0) {
      startMerge(state, /** @type {number} */ (state.mergeQueue.shift()));
      changed = true;
    }
    while (
      state.running.size < state.options.jobs &&
      state.ready.size > 0 &&
      !state.barrier?.blocksBuilds()
    ) {
      startBuild(state, /** @type {number} */ (state.ready.pop()));
      changed = true;
    }
  }
}

/** @param {import('./graph.js').Graph} graph @param {import('./state.js').SimOptions} options */
export function simulate(graph, options) {
  const state = createState(graph, options);
  for (let pkg = 0; pkg < graph.size; pkg++) if (state.waitingDeps[pkg] === 0) state.ready.push(pkg);
  schedule(state);
  for (let event = state.events.pop(); event; event = state.events.pop()) {
    const { attempt } = event;
    if (attempt && (event.version !== attempt.version || !state.running.has(attempt))) continue;
    state.now = event.time;
    if (attempt) finishBuild(state, attempt);
    else finishMerge(state, /** @type {number} */ (event.merge));
    schedule(state);
  }
  if (state.merged !== graph.size) throw new Error(`model deadlock: ${state.merged} of ${graph.size} merged`);
  return summarise(state);
}

/** @param {State} state @param {Attempt} attempt */
function finishBuild(state, attempt) {
  releaseSlot(state, attempt);
  state.exposure.set(attempt.overlaps, (state.exposure.get(attempt.overlaps) ?? 0) + 1);
  state.builtAt[attempt.pkg] = state.now;
  if (state.barrier?.waits(attempt.pkg)) state.barrier.queue(attempt.pkg);
  else state.mergeQueue.push(attempt.pkg);
}

/** @param {State} state @param {number} pkg */
function finishMerge(state, pkg) {
  const merging = /** @type {{ pkg: number; start: number; end: number }} */ (state.merging);
  record(state, { kind: 'merge', pkg, start: merging.start, end: state.now });
  state.merging = null;
  for (const failed of state.afterMerge.splice(0)) state.ready.push(failed);
  state.barrier?.merged(pkg);
  state.merged++;
  for (const dependent of state.graph.dependents[pkg] ?? []) {
    state.waitingDeps[dependent] = (state.waitingDeps[dependent] ?? 0) - 1;
    if (state.waitingDeps[dependent] === 0) state.ready.push(dependent);
  }
}

/** @param {State} state */
function summarise(state) {
  const { graph, options, stats } = state;
  let usefulBuildSec = 0;
  for (const seconds of graph.build) usefulBuildSec += seconds;
  const makespan = state.now;
  return {
    policy: options.policy,
    jobs: options.jobs,
    makespanSec: makespan,
    usefulBuildSec,
    utilisation: makespan > 0 ? usefulBuildSec / (options.jobs * makespan) : 0,
    slotBusyShare: makespan > 0 ? stats.slotBusy / (options.jobs * makespan) : 0,
    ...stats,
    exposure: state.exposure,
    trace: state.trace,
  };
}
