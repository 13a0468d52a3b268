// @ts-check
// The parallel-build table and its verdicts against issue #8's targets.

export const RATIO_TARGET = 1.1;

/**
 * @typedef {Awaited<ReturnType<typeof import('./schedule.js').runSchedule>>} Row
 * @typedef {{ plan: import('./plan.js').Plan, rows: Row[] }} ParallelResult
 */

/** Per N: the targets, each with what was measured. @param {ParallelResult} result */
export function parallelVerdicts({ rows }) {
  return [...new Set(rows.map((r) => r.jobs))].flatMap((n) => {
    const pick = (/** @type {string} */ s) => rows.find((r) => r.jobs === n && r.strategy === s);
    const [base, wait, settle] = [pick('unprotected'), pick('merge-wait'), pick('plugin-settle')];
    if (!base || !wait || !settle) return [];
    const ratio = settle.makespanMs / base.makespanMs;
    return [
      {
        item: `parallel N=${n}: unprotected`,
        target: 'fails builds (the race is real)',
        met: base.failed > 0,
        detail: `${base.failed} failed`,
      },
      {
        item: `parallel N=${n}: plugin-settle`,
        target: '0 failed builds',
        met: settle.failed === 0,
        detail: `${settle.failed} failed`,
      },
      {
        item: `parallel N=${n}: plugin-settle`,
        target: `makespan ≤ ${RATIO_TARGET.toFixed(2)} × unprotected`,
        met: ratio <= RATIO_TARGET,
        detail: `${ratio.toFixed(2)}×`,
      },
      {
        item: `parallel N=${n}: merge-wait`,
        target: 'slower than plugin-settle',
        met: wait.makespanMs > settle.makespanMs,
        detail: `${(wait.makespanMs / settle.makespanMs).toFixed(2)} × plugin-settle`,
      },
    ];
  });
}

/** @param {ParallelResult} result */
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
  for (const r of rows) {
    const base = rows.find((b) => b.jobs === r.jobs && b.strategy === 'unprotected');
    const ratio = base ? (r.makespanMs / base.makespanMs).toFixed(2) : '–';
    const healed = r.strategy === 'plugin-settle' ? r.healed : '–';
    lines.push(
      `| ${r.jobs} | ${r.strategy} | ${r.failed} | ${(r.makespanMs / 1000).toFixed(1)} s | ${ratio}× | ${r.rebuilds} | ${healed} |`,
    );
  }
  const unfinished = rows.filter((r) => r.strategy === 'unprotected' && r.failed > 0);
  if (unfinished.length)
    lines.push(
      '',
      `The ratio's baseline is not finished work: unprotected left ${unfinished.map((r) => `${r.failed} build(s) failed at N=${r.jobs}`).join(', ')}, ` +
        'each cut short at its plugin load and still to be redone; plugin-settle and merge-wait completed every build.',
    );
  const verdicts = parallelVerdicts({ plan, rows });
  lines.push(
    '',
    ...verdicts.map((v) => `- ${v.item} ${v.target}: ${v.met ? 'met' : '**missed**'} (${v.detail}).`),
  );
  const quote = (/** @type {string[]} */ list) => [...new Set(list)].map((c) => `\`${c}\``).join(', ');
  const bare = rows.filter((r) => r.strategy !== 'plugin-settle').flatMap((r) => r.errors);
  if (bare.length) lines.push('', `Bare builds died of: ${quote(bare)}.`);
  const wrapped = rows.filter((r) => r.strategy === 'plugin-settle').flatMap((r) => r.errors);
  if (wrapped.length) lines.push('', `plugin-settle builds failed with: ${quote(wrapped)}.`);
  if (rows.every((r) => r.strategy !== 'unprotected' || r.failed === 0))
    lines.push('', '**Unprotected failed no build in this run: the table proves nothing about races.**');
  return lines.join('\n');
}
