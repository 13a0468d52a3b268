import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criticalPath, depth, lowerBounds } from '../../bench/model/bounds.js';
import { type Graph, linkGraph } from '../../bench/model/graph.js';
import { createRng } from '../../bench/model/prng.js';
import { simulate } from '../../bench/model/simulate.js';
import type { Interval, Policy } from '../../bench/model/state.js';

const EPSILON = 1e-9;
const POLICIES: Policy[] = ['merge-wait', 'unprotected', 'plugin-settle'];

// Small random merge lists: each package depends on some earlier ones; some are plugins, some load them.
const arbitraryGraph: fc.Arbitrary<Graph> = fc
  .array(
    fc.record({
      build: fc.double({ min: 0.5, max: 200, noNaN: true }),
      merge: fc.double({ min: 0.1, max: 20, noNaN: true }),
      depPicks: fc.array(fc.nat(), { maxLength: 4 }),
      isPlugin: fc.boolean(),
      loadsPlugins: fc.boolean(),
      isSystem: fc.boolean(),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((packages) =>
    linkGraph({
      build: packages.map((pkg) => pkg.build),
      merge: packages.map((pkg) => pkg.merge),
      deps: packages.map((pkg, i) => (i === 0 ? [] : [...new Set(pkg.depPicks.map((pick) => pick % i))])),
      isPlugin: packages.map((pkg) => Number(pkg.isPlugin)),
      loadsPlugins: packages.map((pkg) => Number(pkg.loadsPlugins)),
      isSystem: packages.map((pkg) => Number(pkg.isSystem)),
    }),
  );

const arbitraryRun = fc.record({
  graph: arbitraryGraph,
  jobs: fc.integer({ min: 1, max: 6 }),
  policy: fc.constantFrom(...POLICIES),
  systemBarrier: fc.boolean(),
  raceProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  healMissProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.nat(),
});

const overlap = (a: Interval, b: Interval) => a.start < b.end - EPSILON && b.start < a.end - EPSILON;

function maxConcurrent(intervals: Interval[]) {
  const edges = intervals.flatMap((i) => [
    { time: i.start, delta: 1 },
    { time: i.end, delta: -1 },
  ]);
  edges.sort((a, b) => a.time - b.time || a.delta - b.delta);
  let now = 0;
  let peak = 0;
  for (const edge of edges) {
    now += edge.delta;
    peak = Math.max(peak, now);
  }
  return peak;
}

type Run = {
  graph: Graph;
  jobs: number;
  policy: Policy;
  systemBarrier: boolean;
  raceProbability: number;
  healMissProbability: number;
  seed: number;
};

function replay(run: Run) {
  return simulate(run.graph, {
    jobs: run.jobs,
    policy: run.policy,
    systemBarrier: run.systemBarrier,
    raceProbability: run.raceProbability,
    healMissProbability: run.healMissProbability,
    settleSec: 0.75,
    rng: createRng(run.seed),
    trace: true,
  });
}

describe('scheduling model invariants on random graphs', () => {
  it('the lower bound (critical path, work per slot, serial merges) is never beaten, under any policy', () => {
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        const result = replay(run);
        const bounds = lowerBounds(run.graph, run.jobs);
        expect(result.makespanSec).toBeGreaterThanOrEqual(bounds.criticalPath - EPSILON);
        expect(result.makespanSec).toBeGreaterThanOrEqual(bounds.bound - EPSILON);
      }),
      { numRuns: 300 },
    );
  });

  it('build-slot utilisation stays within [0, 1]', () => {
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        const result = replay(run);
        expect(result.utilisation).toBeGreaterThanOrEqual(0);
        expect(result.utilisation).toBeLessThanOrEqual(1 + EPSILON);
        expect(result.slotBusyShare).toBeLessThanOrEqual(1 + EPSILON);
      }),
      { numRuns: 300 },
    );
  });

  it('every package builds once after its dependencies merged, merges one at a time, within J slots', () => {
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        const result = replay(run);
        const of = (kind: Interval['kind']) => result.trace.filter((i) => i.kind === kind);
        const merges = of('merge');
        const mergeOf = new Map(merges.map((m) => [m.pkg, m]));
        expect(
          of('build')
            .map((b) => b.pkg)
            .sort((a, b) => a - b),
        ).toEqual([...Array(run.graph.size).keys()]);
        expect(merges).toHaveLength(run.graph.size);
        for (const attempt of [...of('build'), ...of('failed')]) {
          for (const dep of run.graph.deps[attempt.pkg] ?? []) {
            expect(attempt.start).toBeGreaterThanOrEqual((mergeOf.get(dep)?.end ?? Number.NaN) - EPSILON);
          }
        }
        expect(maxConcurrent(merges)).toBeLessThanOrEqual(1);
        expect(maxConcurrent([...of('build'), ...of('failed')])).toBeLessThanOrEqual(run.jobs);
        expect(of('failed')).toHaveLength(result.failedBuilds);
      }),
      { numRuns: 300 },
    );
  });

  it('merge-wait never runs a merge while a build runs, so no race and no failure, whatever p', () => {
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        const result = replay({ ...run, policy: 'merge-wait' });
        const merges = result.trace.filter((i) => i.kind === 'merge');
        const builds = result.trace.filter((i) => i.kind !== 'merge');
        for (const merge of merges) for (const build of builds) expect(overlap(merge, build)).toBe(false);
        expect(result.overlaps).toBe(0);
        expect(result.failedBuilds + result.rebuilds + result.heals).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('merge-wait releases its queue once per dependency level: as many releases as the longest chain', () => {
    // Builds go on starting while finished builds wait, so with two slots or more the queue empties only when
    // no ready package is left: each release closes exactly one level. A stricter barrier (no build while any
    // merge waits) would need more releases. With one slot, every build is followed by its own release.
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        const result = replay({ ...run, policy: 'merge-wait' });
        expect(result.releases).toBe(run.jobs === 1 ? run.graph.size : depth(run.graph));
      }),
      { numRuns: 300 },
    );
  });

  it('with merge-wait off, a system package still never merges while a build runs; others may', () => {
    fc.assert(
      fc.property(arbitraryRun, fc.constantFrom<Policy>('unprotected', 'plugin-settle'), (run, policy) => {
        const result = replay({ ...run, policy, systemBarrier: true });
        const builds = result.trace.filter((i) => i.kind !== 'merge');
        for (const merge of result.trace.filter((i) => i.kind === 'merge')) {
          if (!run.graph.isSystem[merge.pkg]) continue;
          for (const build of builds) expect(overlap(merge, build)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('plugin-settle never fails a build; unprotected only fails builds that overlapped a plugin merge', () => {
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        const settled = replay({ ...run, policy: 'plugin-settle' });
        expect(settled.failedBuilds).toBe(0);
        expect(settled.rebuilds + settled.heals).toBeLessThanOrEqual(settled.overlaps);
        const unprotected = replay({ ...run, policy: 'unprotected' });
        expect(unprotected.failedBuilds).toBeLessThanOrEqual(unprotected.overlaps);
        for (const failed of unprotected.trace.filter((i) => i.kind === 'failed')) {
          expect(run.graph.loadsPlugins[failed.pkg]).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the same seed replays the same schedule', () => {
    fc.assert(
      fc.property(arbitraryRun, (run) => {
        expect(replay(run)).toEqual(replay(run));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the bounds are tight where they should be', () => {
  it('a chain runs exactly its critical path without barriers', () => {
    const graph = linkGraph({ build: [30, 5, 60], merge: [2, 1, 3], deps: [[], [0], [1]] });
    expect(criticalPath(graph)).toBe(101);
    expect(simulate(graph, { jobs: 4, policy: 'unprotected' }).makespanSec).toBe(101);
  });

  it('with one slot, merge-wait serialises everything: the sum of all builds and merges', () => {
    const graph = linkGraph({ build: [30, 5, 60, 7], merge: [2, 1, 3, 4], deps: [[], [], [0], []] });
    expect(simulate(graph, { jobs: 1, policy: 'merge-wait' }).makespanSec).toBe(112);
  });
});
