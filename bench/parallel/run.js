// @ts-check
// The parallel-build table (issue #8, item 4): K real setup.py builds, N at a time, while M plugin merges
// land metadata first, under unprotected, merge-wait and plugin-settle. Seeded, so a run can be repeated.
//   node bench/parallel/run.js [--seed N] [--builds K] [--merges M] [--jobs 1,2,4]   (needs `npm run build`)
import { parseArgs } from 'node:util';
import { STRATEGIES } from './decide.js';
import { makePlan, PLAN_DEFAULTS } from './plan.js';
import { runSchedule } from './schedule.js';
import { makeWorld } from './world.js';

export const PARALLEL_DEFAULTS = { seed: 8, jobs: [1, 2, 4], ratioTarget: 1.1 };

/**
 * Strategies run back to back for each N, so a change in machine load hits a row's three runs alike.
 * @param {{ seed?: number, builds?: number, merges?: number, jobs?: number[], log?: (line: string) => void }} [options]
 */
export async function measureParallel(options = {}) {
  const { seed, jobs } = { ...PARALLEL_DEFAULTS, ...options };
  const plan = makePlan({
    seed,
    builds: options.builds ?? PLAN_DEFAULTS.builds,
    merges: options.merges ?? PLAN_DEFAULTS.merges,
  });
  const log = options.log ?? (() => {});
  const rows = [];
  for (const n of jobs) {
    for (const strategy of STRATEGIES) {
      const world = makeWorld(plan, strategy);
      try {
        const result = await runSchedule({ plan, strategy, jobs: n, work: world.work });
        log(
          `parallel N=${n} ${strategy}: ${result.failed} failed, ${(result.makespanMs / 1000).toFixed(1)} s, ${result.rebuilds} rebuilds, ${result.healed} healed`,
        );
        rows.push(result);
      } finally {
        world.cleanup();
      }
    }
  }
  return { plan, rows };
}

/** @param {Awaited<ReturnType<typeof measureParallel>>} result */
export function parallelTable({ plan, rows }) {
  const gaps = plan.merges.map((m) => m.gapMs);
  const compile = plan.builds.map((b) => b.preMs + b.postMs);
  const lines = [
    `Seed ${plan.seed}: ${plan.builds.length} builds (\`setup.py -q egg_info build\` of tiny projects whose compile ` +
      `work, ${Math.min(...compile)}–${Math.max(...compile)} ms, is split around the egg_info plugin load); ` +
      `${plan.merges.length} plugin merges, merged Portage-style (\`-MERGING-\` dir in the vdb, metadata first, ` +
      `${Math.min(...gaps)}–${Math.max(...gaps)} ms before the code), each tied to a seeded build and landing so that ` +
      "its gap spans that build's plugin load (other builds fall into gaps by chance). " +
      'merge-wait: a ready merge waits until no build runs, and no build starts while one is pending. ' +
      'plugin-settle: each build run as `plugin-settle run -- …`, in-process shim on. One run per cell.',
    '',
    '| N | strategy | builds failed | makespan | ratio vs unprotected | rebuilds | healed in process |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  /** @type {string[]} */
  const verdicts = [];
  for (const n of [...new Set(rows.map((r) => r.jobs))]) {
    const group = rows.filter((r) => r.jobs === n);
    const base = group.find((r) => r.strategy === 'unprotected');
    for (const r of group) {
      const ratio = base ? r.makespanMs / base.makespanMs : Number.NaN;
      lines.push(
        `| ${n} | ${r.strategy} | ${r.failed} | ${(r.makespanMs / 1000).toFixed(1)} s | ${ratio.toFixed(2)}× | ${r.rebuilds} | ${r.strategy === 'plugin-settle' ? r.healed : '–'} |`,
      );
    }
    const settle = group.find((r) => r.strategy === 'plugin-settle');
    const wait = group.find((r) => r.strategy === 'merge-wait');
    if (base && settle && wait) {
      const checks = [
        [`unprotected fails builds (${base.failed})`, base.failed > 0],
        [`plugin-settle 0 failed (${settle.failed})`, settle.failed === 0],
        [
          `plugin-settle within ${PARALLEL_DEFAULTS.ratioTarget.toFixed(2)}× (${(settle.makespanMs / base.makespanMs).toFixed(2)}×)`,
          settle.makespanMs <= PARALLEL_DEFAULTS.ratioTarget * base.makespanMs,
        ],
        [
          `merge-wait slower than plugin-settle (${(wait.makespanMs / settle.makespanMs).toFixed(2)}×)`,
          wait.makespanMs > settle.makespanMs,
        ],
      ];
      verdicts.push(
        `N=${n}: ${checks.map(([what, ok]) => `${what}: ${ok ? 'met' : '**missed**'}`).join('; ')}.`,
      );
    }
  }
  lines.push('', ...verdicts.map((v) => `- ${v}`));
  const causes = [...new Set(rows.filter((r) => r.strategy !== 'plugin-settle').flatMap((r) => r.errors))];
  if (causes.length)
    lines.push('', `Unprotected builds died of: ${causes.map((c) => `\`${c}\``).join(', ')}.`);
  const settleErrors = [
    ...new Set(rows.filter((r) => r.strategy === 'plugin-settle').flatMap((r) => r.errors)),
  ];
  if (settleErrors.length)
    lines.push('', `plugin-settle builds failed with: ${settleErrors.map((c) => `\`${c}\``).join(', ')}.`);
  if (rows.every((r) => r.strategy !== 'unprotected' || r.failed === 0))
    lines.push('', '**Unprotected failed no build with this seed: this table proves nothing about races.**');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      builds: { type: 'string' },
      merges: { type: 'string' },
      jobs: { type: 'string' },
    },
  });
  const result = await measureParallel({
    seed: Number(values.seed ?? PARALLEL_DEFAULTS.seed),
    ...(values.builds ? { builds: Number(values.builds) } : {}),
    ...(values.merges ? { merges: Number(values.merges) } : {}),
    ...(values.jobs ? { jobs: values.jobs.split(',').map(Number) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(parallelTable(result));
}
