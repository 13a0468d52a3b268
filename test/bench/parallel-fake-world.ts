import type { Strategy } from '../../bench/parallel/decide.js';
import type { Plan, PluginMerge } from '../../bench/parallel/plan.js';
import type { runSchedule } from '../../bench/parallel/schedule.js';

type Work = Parameters<typeof runSchedule>[0]['work'];

/**
 * Virtual time for the scheduler: timers fire in order once every promise has settled, so a schedule
 * runs the same way every time and its makespan is exact arithmetic, not a measurement.
 */
export function virtualClock() {
  let now = 0;
  let seq = 0;
  const timers: { at: number; seq: number; fire: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((fire) => {
        timers.push({ at: now + ms, seq: seq++, fire });
      }),
    async run<T>(promise: Promise<T>): Promise<T> {
      let done = false;
      promise.then(
        () => (done = true),
        () => (done = true),
      );
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (done) return promise;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (!next) throw new Error('the schedule stalled: nothing running and no timer pending');
        now = next.at;
        next.fire();
      }
    },
  };
}

/**
 * The race rule of the real bench, in virtual time: a build loads plugins `preMs` after it starts; if a
 * merge is between its metadata and its code then, a bare build dies and a wrapped one waits for the code.
 */
export function fakeWork(strategy: Strategy, clock = virtualClock()) {
  const halfMerged = new Set<string>();
  const mergeEnds = new Map<string, Promise<void>>();
  const work: Work = {
    now: clock.now,
    wait: clock.sleep,
    async merge(plugin: PluginMerge) {
      halfMerged.add(plugin.name);
      const done = clock.sleep(plugin.gapMs).then(() => {
        halfMerged.delete(plugin.name);
      });
      mergeEnds.set(plugin.name, done);
      await done;
    },
    async build(build, compiling) {
      compiling();
      await clock.sleep(build.preMs);
      const racing = [...halfMerged];
      if (racing.length > 0 && strategy !== 'plugin-settle') {
        return { ok: false, rebuilds: 0, healed: 0, error: `No module named '${racing[0]}'` };
      }
      await Promise.all(racing.map((name) => mergeEnds.get(name)));
      await clock.sleep(build.postMs);
      return { ok: true, rebuilds: 0, healed: racing.length > 0 ? 1 : 0 };
    },
  };
  return { work, clock };
}

/** From the event order alone (not times): most builds at once, and how often a merge ran beside a build. */
export function concurrency(events: { kind: string; edge: string; id: number | string }[]) {
  let builds = 0;
  let maxBuilds = 0;
  let merging = 0;
  let overlaps = 0;
  for (const event of events) {
    if (event.kind === 'build') builds += event.edge === 'start' ? 1 : -1;
    if (event.kind === 'merge') merging += event.edge === 'start' ? 1 : -1;
    maxBuilds = Math.max(maxBuilds, builds);
    if (builds > 0 && merging > 0) overlaps++;
  }
  return { maxBuilds, overlaps };
}

export type { Plan };
