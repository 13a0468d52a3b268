// @ts-check
// FEATURES=merge-wait as lib/_emerge/Scheduler.py does it (gentoo/portage a20ef27a):
// - _build_exit: a finished build goes to _merge_wait_queue, not to the merge queue;
// - _schedule_tasks: that queue is released only when no build is running and the merge queue (waiting or
//   running) is empty; then every waiting merge moves at once to the merge queue and to _merge_wait_scheduled;
// - _schedule_tasks_imp: no build starts while _merge_wait_scheduled is non-empty.
// Builds may still start while finished builds sit in the wait queue: only released merges block them.
// The system-package rule (one system merge per release) changes no timing here, since without
// parallel-install merges are serial anyway and the next release happens before any build may start.
// `waits` says which finished builds take the queue: all of them under FEATURES=merge-wait, only the deep
// system deps with merge-wait off; the others go straight to the merge queue and merge while builds run.

/** @param {(pkg: number) => boolean} waits */
export function createMergeWait(waits) {
  /** @type {number[]} */
  const waiting = [];
  /** Portage's _merge_wait_scheduled */
  const released = new Set();
  return {
    waits,
    /** @param {number} pkg */
    queue(pkg) {
      waiting.push(pkg);
    },
    /** @param {{ running: Set<unknown>; merging: unknown; mergeQueue: number[] }} state */
    release(state) {
      if (waiting.length === 0 || state.running.size > 0 || state.merging || state.mergeQueue.length > 0) {
        return false;
      }
      for (const pkg of waiting) released.add(pkg);
      state.mergeQueue.push(...waiting.splice(0));
      return true;
    },
    blocksBuilds: () => released.size > 0,
    /** @param {number} pkg */
    merged(pkg) {
      released.delete(pkg);
    },
  };
}
