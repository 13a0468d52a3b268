import { describe, expect, it } from 'vitest';
import { linkGraph } from '../../bench/model/graph.js';
import { createRng } from '../../bench/model/prng.js';
import { simulate } from '../../bench/model/simulate.js';

// Package 0 is a setuptools plugin (build 10 s, merge 10 s); package 1 is an independent build that loads
// plugins (build 50 s, merge 1 s). With two slots both start at 0 and the plugin merges over [10, 20).
const pluginRace = () =>
  linkGraph({ build: [10, 50], merge: [10, 1], deps: [[], []], isPlugin: [1, 0], loadsPlugins: [1, 1] });

const sure = { raceProbability: 1, rng: createRng(7), trace: true };

describe('the race rules, on a two-package scenario worked out by hand', () => {
  it('merge-wait holds the plugin merge until the plugin-loading build is done, so nothing overlaps', () => {
    const result = simulate(pluginRace(), { jobs: 2, policy: 'merge-wait', ...sure });
    // the plugin waits from 10 to 50, merges 50–60, then the other package merges 60–61
    expect(result.makespanSec).toBe(61);
    expect(result.overlaps).toBe(0);
    expect(result.failedBuilds).toBe(0);
  });

  it('unprotected: the overlapped build dies when the plugin merge starts and is rebuilt after it', () => {
    const result = simulate(pluginRace(), { jobs: 2, policy: 'unprotected', ...sure });
    // dies at 10 (10 s wasted), rebuilt 20–70, merged 70–71
    expect(result.failedBuilds).toBe(1);
    expect(result.rebuilds).toBe(1);
    expect(result.wastedSec).toBe(10);
    expect(result.makespanSec).toBe(71);
    expect(result.trace.filter((interval) => interval.kind === 'failed')).toEqual([
      { kind: 'failed', pkg: 1, start: 0, end: 10 },
    ]);
  });

  it('unprotected with no race drawn keeps the race-free schedule and records the exposure', () => {
    const result = simulate(pluginRace(), { jobs: 2, policy: 'unprotected' });
    expect(result.makespanSec).toBe(51);
    expect(result.failedBuilds).toBe(0);
    expect(result.exposure.get(1)).toBe(1);
  });

  it('plugin-settle with the heal: the build waits out the merge plus settle and goes on', () => {
    const result = simulate(pluginRace(), {
      jobs: 2,
      policy: 'plugin-settle',
      healMissProbability: 0,
      settleSec: 0.75,
      ...sure,
    });
    // paused 10 → 20.75, so it ends at 60.75 and merges until 61.75
    expect(result.heals).toBe(1);
    expect(result.rebuilds).toBe(0);
    expect(result.failedBuilds).toBe(0);
    expect(result.waitSec).toBeCloseTo(10.75, 9);
    expect(result.makespanSec).toBeCloseTo(61.75, 9);
  });

  it('plugin-settle without the heal: the build waits, then runs again from scratch in its slot', () => {
    const result = simulate(pluginRace(), {
      jobs: 2,
      policy: 'plugin-settle',
      healMissProbability: 1,
      settleSec: 0.75,
      ...sure,
    });
    // retried at 20.75, ends 70.75, merges until 71.75
    expect(result.rebuilds).toBe(1);
    expect(result.failedBuilds).toBe(0);
    expect(result.makespanSec).toBeCloseTo(71.75, 9);
  });

  it('a build that does not load plugins is never raced', () => {
    const graph = linkGraph({ build: [10, 50], merge: [10, 1], deps: [[], []], isPlugin: [1, 0] });
    const result = simulate(graph, { jobs: 2, policy: 'unprotected', ...sure });
    expect(result.overlaps).toBe(0);
    expect(result.makespanSec).toBe(51);
  });
});

describe('merge-wait follows Portage: only released merges block builds', () => {
  // 0: long build (100 s); 1: short build (10 s); 2: depends on 1 (10 s); 3: independent (50 s). Merges 1 s.
  const graph = linkGraph({ build: [100, 10, 10, 50], merge: [1, 1, 1, 1], deps: [[], [], [1], []] });

  it('a finished build waits for every running build; other ready builds still start meanwhile', () => {
    const result = simulate(graph, { jobs: 2, policy: 'merge-wait', trace: true });
    const started = (pkg: number) => result.trace.find((i) => i.kind === 'build' && i.pkg === pkg)?.start;
    const merged = (pkg: number) => result.trace.find((i) => i.kind === 'merge' && i.pkg === pkg);
    // 1 finishes at 10 and waits; package 3 takes the free slot at once (the wait queue does not block it)
    expect(started(3)).toBe(10);
    // nothing merges before every build is done at 100; then 1, 3 and 0 merge in the order they finished
    expect(merged(1)).toEqual({ kind: 'merge', pkg: 1, start: 100, end: 101 });
    expect(merged(3)).toEqual({ kind: 'merge', pkg: 3, start: 101, end: 102 });
    expect(merged(0)).toEqual({ kind: 'merge', pkg: 0, start: 102, end: 103 });
    // package 2 was ready at 101, but released merges were pending: it starts after the last one
    expect(started(2)).toBe(103);
    expect(result.makespanSec).toBe(114);
  });

  it('without barriers the same graph merges as soon as builds finish', () => {
    const result = simulate(graph, { jobs: 2, policy: 'unprotected' });
    // 1 merges 10–11; 3 starts 10, ends 60; 2 starts 60 (slots), ends 70; 0 ends 100 and merges last
    expect(result.makespanSec).toBe(101);
  });
});

describe('with merge-wait off, Portage still queues the deep system deps', () => {
  // 0: system package (build 10 s); 1: ordinary package (build 10 s); 2: long build (100 s). Merges 1 s.
  const graph = linkGraph({
    build: [10, 10, 100],
    merge: [1, 1, 1],
    deps: [[], [], []],
    isSystem: [1, 0, 0],
  });

  it('the system package waits for every running build while the ordinary one merges at once', () => {
    const result = simulate(graph, { jobs: 3, policy: 'unprotected', systemBarrier: true, trace: true });
    const merged = (pkg: number) => result.trace.find((i) => i.kind === 'merge' && i.pkg === pkg);
    expect(merged(1)).toEqual({ kind: 'merge', pkg: 1, start: 10, end: 11 });
    expect(merged(2)).toEqual({ kind: 'merge', pkg: 2, start: 100, end: 101 });
    expect(merged(0)).toEqual({ kind: 'merge', pkg: 0, start: 101, end: 102 });
    expect(result.releases).toBe(1);
  });

  it('without the system barrier (--implicit-system-deps=n) it merges as soon as it is built', () => {
    const result = simulate(graph, { jobs: 3, policy: 'unprotected', trace: true });
    expect(result.trace.find((i) => i.kind === 'merge' && i.pkg === 0)).toEqual({
      kind: 'merge',
      pkg: 0,
      start: 10,
      end: 11,
    });
  });
});
