import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, STRATEGIES } from '../../bench/parallel/decide.js';
import { makePlan, type Plan } from '../../bench/parallel/plan.js';
import { runSchedule } from '../../bench/parallel/schedule.js';
import { concurrency, fakeWork } from './parallel-fake-world.js';

const idle = { queued: 0, running: 0, mergesReady: 0, merging: false };

describe('decide: what starts next', () => {
  it('fills free slots with queued builds, never more than N at once', () => {
    expect(decide({ ...idle, queued: 5, running: 1 }, 'unprotected', 4)).toEqual({ builds: 3, merge: false });
    expect(decide({ ...idle, queued: 2, running: 0 }, 'plugin-settle', 4)).toEqual({
      builds: 2,
      merge: false,
    });
    expect(decide({ ...idle, queued: 5, running: 4 }, 'merge-wait', 4)).toEqual({ builds: 0, merge: false });
  });

  it('unprotected and plugin-settle merge beside running builds and keep starting builds', () => {
    for (const strategy of ['unprotected', 'plugin-settle'] as const) {
      expect(decide({ queued: 3, running: 2, mergesReady: 1, merging: false }, strategy, 4)).toEqual({
        builds: 2,
        merge: true,
      });
    }
  });

  it('merges one at a time in every strategy (the vdb lock)', () => {
    for (const strategy of STRATEGIES) {
      expect(decide({ ...idle, mergesReady: 2, merging: true }, strategy, 2).merge).toBe(false);
    }
  });

  it('merge-wait: a ready merge waits for running builds, and holds back new ones meanwhile', () => {
    expect(decide({ queued: 3, running: 1, mergesReady: 1, merging: false }, 'merge-wait', 4)).toEqual({
      builds: 0,
      merge: false,
    });
    expect(decide({ queued: 3, running: 0, mergesReady: 1, merging: false }, 'merge-wait', 4)).toEqual({
      builds: 0,
      merge: true,
    });
    expect(decide({ queued: 3, running: 0, mergesReady: 0, merging: true }, 'merge-wait', 4)).toEqual({
      builds: 0,
      merge: false,
    });
    expect(decide({ queued: 3, running: 0, mergesReady: 0, merging: false }, 'merge-wait', 4)).toEqual({
      builds: 3,
      merge: false,
    });
  });
});

describe('makePlan: the seeded plan', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(makePlan({ seed: 8 })).toEqual(makePlan({ seed: 8 }));
    expect(makePlan({ seed: 9 })).not.toEqual(makePlan({ seed: 8 }));
  });

  it("lands each merge so that its gap spans its build's plugin load, never tied to the last build", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 0, max: 8 }),
        (seed, builds, merges) => {
          const plan = makePlan({ seed, builds, merges });
          expect(plan.builds).toHaveLength(builds);
          expect(plan.merges).toHaveLength(merges);
          for (const merge of plan.merges) {
            const tied = plan.builds[merge.afterBuild];
            expect(merge.afterBuild).toBeLessThan(builds - 1);
            expect(merge.offsetMs).toBeLessThan(tied!.preMs);
            expect(merge.offsetMs + merge.gapMs).toBeGreaterThan(tied!.preMs);
          }
        },
      ),
    );
  });
});

// Two builds of 1 s (load at 400 ms), N = 2; one merge tied to build 0 lands at 200 ms with a 500 ms gap.
const handWorked: Plan = {
  seed: 0,
  builds: [
    { id: 0, preMs: 400, postMs: 600 },
    { id: 1, preMs: 400, postMs: 600 },
  ],
  merges: [{ name: 'plug0', afterBuild: 0, offsetMs: 200, gapMs: 500 }],
};

async function schedule(plan: Plan, strategy: (typeof STRATEGIES)[number], jobs: number) {
  const { work, clock } = fakeWork(strategy);
  return clock.run(runSchedule({ plan, strategy, jobs, work }));
}

describe('runSchedule on a scenario worked out by hand (virtual time)', () => {
  it('unprotected: both builds load plugins at 400 ms, inside the gap [200, 700), and die; makespan 700 ms', async () => {
    const result = await schedule(handWorked, 'unprotected', 2);
    expect(result.failed).toBe(2);
    expect(result.errors).toEqual(["No module named 'plug0'", "No module named 'plug0'"]);
    expect(result.makespanMs).toBe(700);
  });

  it('plugin-settle: both wait for the code at 700 ms and finish at 1300 ms, healed, nothing failed', async () => {
    const result = await schedule(handWorked, 'plugin-settle', 2);
    expect(result).toMatchObject({ failed: 0, healed: 2, makespanMs: 1300 });
  });

  it('merge-wait: the merge ready at 200 ms waits for both builds (1000 ms), then merges to 1500 ms', async () => {
    const result = await schedule(handWorked, 'merge-wait', 2);
    expect(result).toMatchObject({ failed: 0, makespanMs: 1500 });
    expect(concurrency(result.events).overlaps).toBe(0);
  });

  it('merge-wait holds back a queued build while a merge is pending (N = 1)', async () => {
    const result = await schedule(handWorked, 'merge-wait', 1);
    // build 0 runs 0–1000 with the merge ready at 200; merge 1000–1500; build 1 runs 1500–2500
    expect(result.makespanMs).toBe(2500);
    const order = result.events.map((e) => `${e.kind} ${e.id} ${e.edge}`);
    expect(order).toEqual([
      'build 0 start',
      'ready plug0 start',
      'build 0 end',
      'merge plug0 start',
      'merge plug0 end',
      'build 1 start',
      'build 1 end',
    ]);
  });
});

describe('runSchedule invariants on random plans (virtual time)', () => {
  it('runs every build once, N at most at once, every merge once; merge-wait never overlaps and never fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, builds, merges, jobs) => {
          const plan = makePlan({ seed, builds, merges });
          for (const strategy of STRATEGIES) {
            const result = await schedule(plan, strategy, jobs);
            const starts = result.events
              .filter((e) => e.kind === 'build' && e.edge === 'start')
              .map((e) => e.id);
            expect([...starts].sort((a, b) => Number(a) - Number(b))).toEqual(plan.builds.map((b) => b.id));
            expect(result.events.filter((e) => e.kind === 'merge' && e.edge === 'end')).toHaveLength(merges);
            const { maxBuilds, overlaps } = concurrency(result.events);
            expect(maxBuilds).toBeLessThanOrEqual(jobs);
            if (strategy === 'merge-wait')
              expect({ overlaps, failed: result.failed }).toEqual({ overlaps: 0, failed: 0 });
            if (strategy === 'plugin-settle') expect(result.failed).toBe(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('unprotected loses the race its plan arranges: every tied build fails when it runs beside its merge', async () => {
    const plan = makePlan({ seed: 8, builds: 12, merges: 3 });
    const result = await schedule(plan, 'unprotected', 4);
    expect(result.failed).toBeGreaterThanOrEqual(new Set(plan.merges.map((m) => m.afterBuild)).size);
  });
});
