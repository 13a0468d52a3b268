// @ts-check
// What a scheduler with N build slots starts next, under each strategy. Pure: the state in, the starts out.
//   unprotected    merges land whenever they are ready, builds run beside them (FEATURES=-merge-wait)
//   merge-wait     a ready merge waits until no build runs, and no build starts while merges are pending
//                  (Portage's FEATURES=merge-wait, _merge_wait_queue / _merge_wait_scheduled)
//   plugin-settle  as unprotected; the builds are wrapped and heal the races they fall into
// Merges run one at a time in every strategy, as Portage's vdb lock makes them without parallel-install.

/** @typedef {'unprotected' | 'merge-wait' | 'plugin-settle'} Strategy */
/** @typedef {{ queued: number, running: number, mergesReady: number, merging: boolean }} SchedulerState */

export const STRATEGIES = /** @type {Strategy[]} */ (['unprotected', 'merge-wait', 'plugin-settle']);

/**
 * @param {SchedulerState} state
 * @param {Strategy} strategy
 * @param {number} jobs
 * @returns {{ builds: number, merge: boolean }}
 */
export function decide({ queued, running, mergesReady, merging }, strategy, jobs) {
  const barrier = strategy === 'merge-wait';
  const merge = !merging && mergesReady > 0 && (!barrier || running === 0);
  const mergesPending = merging || merge || mergesReady > 0;
  const builds = barrier && mergesPending ? 0 : Math.max(0, Math.min(jobs - running, queued));
  return { builds, merge };
}
