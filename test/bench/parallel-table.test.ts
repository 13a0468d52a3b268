import { describe, expect, it } from 'vitest';
import { parallelTable, parallelVerdicts } from '../../bench/parallel/table.js';

const plan = {
  seed: 3,
  builds: [{ id: 0, preMs: 100, postMs: 50 }],
  merges: [{ name: 'plug0', afterBuild: 0, offsetMs: 10, gapMs: 500 }],
};
const row = (
  strategy: 'unprotected' | 'merge-wait' | 'plugin-settle',
  failed: number,
  makespanMs: number,
) => ({
  strategy,
  jobs: 2,
  failed,
  errors: failed ? ["ModuleNotFoundError: No module named 'plug0'"] : [],
  rebuilds: 0,
  healed: strategy === 'plugin-settle' ? 1 : 0,
  makespanMs,
  events: [],
});

describe('the parallel table says plainly which targets were met', () => {
  it('meets all four when unprotected fails, plugin-settle does not and stays within 1.10×, merge-wait is slower', () => {
    const verdicts = parallelVerdicts({
      plan,
      rows: [row('unprotected', 2, 10_000), row('merge-wait', 0, 13_000), row('plugin-settle', 0, 10_900)],
    });
    expect(verdicts.map((v) => v.met)).toEqual([true, true, true, true]);
  });

  it('misses each one that is not met, and flags a run where unprotected never lost the race', () => {
    const rows = [
      row('unprotected', 0, 10_000),
      row('merge-wait', 0, 10_500),
      row('plugin-settle', 1, 11_200),
    ];
    expect(parallelVerdicts({ plan, rows }).map((v) => v.met)).toEqual([false, false, false, false]);
    const table = parallelTable({ plan, rows });
    expect(table).toContain('**missed**');
    expect(table).toContain('Unprotected failed no build in this run: the table proves nothing about races.');
    expect(table).toContain(
      "plugin-settle builds failed with: `ModuleNotFoundError: No module named 'plug0'`",
    );
  });

  it('prints the seed, so a run can be repeated', () => {
    expect(parallelTable({ plan, rows: [row('unprotected', 1, 1000)] })).toMatch(/^Seed 3:/);
  });
});
