// @ts-check
// Runs a plan under one strategy with N slots: starts what `decide` says whenever a build, a merge or a
// merge's landing delay ends. The work is injected, so tests drive it with fakes and the bench with real
// processes.
import { decide } from './decide.js';

/** @param {() => void} fn */
const once = (fn) => {
  let called = false;
  return () => {
    if (!called) fn();
    called = true;
  };
};

/**
 * @typedef {import('./plan.js').PlannedBuild} PlannedBuild
 * @typedef {import('./plan.js').PluginMerge} PluginMerge
 * @typedef {{ ok: boolean, rebuilds: number, healed: number, error?: string }} BuildOutcome
 * @typedef {{ kind: 'build' | 'merge' | 'ready', id: number | string, edge: 'start' | 'end', ok?: boolean }} ScheduleEvent
 * @typedef {{
 *   build(build: PlannedBuild, compiling: () => void): Promise<BuildOutcome>,
 *   merge(plugin: PluginMerge): Promise<void>,
 *   wait(ms: number): Promise<void>,
 *   now(): number,
 * }} Work
 */

/**
 * @param {{ plan: import('./plan.js').Plan, strategy: import('./decide.js').Strategy, jobs: number, work: Work }} options
 */
export async function runSchedule({ plan, strategy, jobs, work }) {
  const queue = [...plan.builds];
  /** @type {PluginMerge[]} */
  const ready = [];
  /** @type {ScheduleEvent[]} */
  const events = [];
  /** @type {Set<Promise<void>>} */
  const active = new Set();
  let running = 0;
  let merging = false;
  const totals = { failed: 0, rebuilds: 0, healed: 0 };
  /** @type {string[]} */
  const errors = [];
  const started = work.now();

  // Tasks may start tasks (a build's landing delays), so the loop sleeps on a wake-up, not on a race of
  // the promises it knew about; `changed` is checked before sleeping, so no wake-up is lost.
  let changed = false;
  /** @type {(() => void) | undefined} */
  let wake;
  /** @type {unknown} */
  let failure;
  /** @param {() => Promise<void>} task */
  const track = (task) => {
    const promise = task()
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => {
        active.delete(promise);
        changed = true;
        wake?.();
      });
    active.add(promise);
  };

  for (;;) {
    const next = decide(
      { queued: queue.length, running, mergesReady: ready.length, merging },
      strategy,
      jobs,
    );
    if (next.merge) {
      const plugin = ready.shift();
      if (!plugin) throw new Error('decide asked for a merge with none ready');
      merging = true;
      events.push({ kind: 'merge', id: plugin.name, edge: 'start' });
      track(async () => {
        await work.merge(plugin);
        merging = false;
        events.push({ kind: 'merge', id: plugin.name, edge: 'end' });
      });
    }
    for (let i = 0; i < next.builds; i++) {
      const build = queue.shift();
      if (!build) break;
      running++;
      events.push({ kind: 'build', id: build.id, edge: 'start' });
      // A merge tied to this build lands its offset after the build says it is compiling.
      const compiling = () => {
        for (const plugin of plan.merges.filter((m) => m.afterBuild === build.id)) {
          track(async () => {
            await work.wait(plugin.offsetMs);
            events.push({ kind: 'ready', id: plugin.name, edge: 'start' });
            ready.push(plugin);
          });
        }
      };
      track(async () => {
        const signal = once(compiling);
        const outcome = await work.build(build, signal);
        signal(); // a build that died before it said so still gets its merge
        running--;
        totals.rebuilds += outcome.rebuilds;
        totals.healed += outcome.healed;
        if (!outcome.ok) {
          totals.failed++;
          errors.push(outcome.error ?? '');
        }
        events.push({ kind: 'build', id: build.id, edge: 'end', ok: outcome.ok });
      });
    }
    if (failure) throw failure;
    if (active.size === 0) break;
    if (!changed) await new Promise((resolve) => (wake = () => resolve(undefined)));
    changed = false;
    wake = undefined;
  }
  if (failure) throw failure;
  return { strategy, jobs, ...totals, errors, makespanMs: work.now() - started, events };
}
