// @ts-check
// The parallel-build table (issue #8, item 4): K real setup.py builds, N at a time, while M plugin merges
// land metadata first, under unprotected, merge-wait and plugin-settle. Seeded, so a run can be repeated.
//   node bench/parallel/run.js [--seed S] [--builds K] [--merges M] [--jobs 1,2,4] [--scale F]
// (needs `npm run build`; --scale multiplies every compile time, not the merge gaps, for a quicker table)
import { parseArgs } from 'node:util';
import { STRATEGIES } from './decide.js';
import { makePlan, PLAN_DEFAULTS } from './plan.js';
import { runSchedule } from './schedule.js';
import { parallelTable, parallelVerdicts } from './table.js';
import { makeWorld } from './world.js';

export { parallelTable, parallelVerdicts };
export const PARALLEL_DEFAULTS = { seed: 8, jobs: [1, 2, 4] };

/** @param {[number, number]} range @param {number} scale @returns {[number, number]} */
const scaled = ([min, max], scale) => [min * scale, max * scale];

/**
 * Strategies run back to back for each N, so a change in machine load hits a row's three runs alike.
 * @param {{ seed?: number, builds?: number, merges?: number, jobs?: number[], scale?: number, log?: (line: string) => void }} [options]
 */
export async function measureParallel(options = {}) {
  const { seed, jobs } = { ...PARALLEL_DEFAULTS, ...options };
  const scale = options.scale ?? 1;
  const plan = makePlan({
    seed,
    builds: options.builds ?? PLAN_DEFAULTS.builds,
    merges: options.merges ?? PLAN_DEFAULTS.merges,
    preMs: scaled(PLAN_DEFAULTS.preMs, scale),
    postMs: scaled(PLAN_DEFAULTS.postMs, scale),
  });
  const log = options.log ?? (() => {});
  const rows = [];
  for (const n of jobs) {
    for (const strategy of STRATEGIES) {
      const world = makeWorld(plan, strategy);
      try {
        const result = await runSchedule({ plan, strategy, jobs: n, work: world.work });
        const seconds = (result.makespanMs / 1000).toFixed(1);
        log(
          `parallel N=${n} ${strategy}: ${result.failed} failed, ${seconds} s, ${result.rebuilds} rebuilds, ${result.healed} healed`,
        );
        rows.push(result);
      } finally {
        world.cleanup();
      }
    }
  }
  return { plan, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      builds: { type: 'string' },
      merges: { type: 'string' },
      jobs: { type: 'string' },
      scale: { type: 'string' },
    },
  });
  const result = await measureParallel({
    seed: Number(values.seed ?? PARALLEL_DEFAULTS.seed),
    ...(values.builds ? { builds: Number(values.builds) } : {}),
    ...(values.merges ? { merges: Number(values.merges) } : {}),
    ...(values.jobs ? { jobs: values.jobs.split(',').map(Number) } : {}),
    ...(values.scale ? { scale: Number(values.scale) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(parallelTable(result));
}
