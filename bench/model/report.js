// @ts-check
// Markdown for BENCHMARKS.md: the table per --jobs, then how the graph was calibrated and how far the
// merge-wait result moves with what the PR leaves unsaid.

/** @param {number} value @param {number} [digits] */
const fixed = (value, digits = 2) => value.toFixed(digits);
/** @param {number} value */
const percent = (value) => `${(100 * value).toFixed(0)} %`;

/** @param {ReturnType<typeof import('./experiment.js').runExperiment>} result */
export function resultTable(result) {
  const lines = [
    '| --jobs | policy | makespan (h) | critical path (h) | lower bound (h) | makespan / bound | build-slot utilisation | failed builds | rebuilds |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of result.rows) {
    const failed =
      'probabilityNoFailure' in row && typeof row.probabilityNoFailure === 'number'
        ? `${fixed(row.failedBuilds)} expected (P(none) ${percent(row.probabilityNoFailure)})`
        : row.policy === 'unprotected'
          ? fixed(row.failedBuilds)
          : '0';
    const rebuilds = row.variant.startsWith('emerge stops') ? '—' : fixed(row.rebuilds);
    lines.push(
      `| ${row.jobs} | ${row.policy}: ${row.variant} | ${fixed(row.makespanHours)} | ${fixed(row.criticalPathHours)} | ${fixed(row.lowerBoundHours)} | ${fixed(row.ratioToBound)} | ${percent(row.utilisation)} | ${failed} | ${rebuilds} |`,
    );
  }
  return lines.join('\n');
}

/** @param {ReturnType<typeof import('./experiment.js').runExperiment>} result */
export function calibrationNote(result) {
  const { graph, reference, race } = result;
  return [
    `Graph (seed ${result.seed}): ${graph.packages} packages, ${graph.edges} dependency edges, ${graph.plugins} setuptools plugins, ` +
      `${graph.pluginLoadingBuilds} plugin-loading builds; total build work ${fixed(graph.totalBuildHours)} h, ` +
      `serial merge time ${fixed(graph.serialMergeHours)} h, critical path ${fixed(graph.criticalPathHours)} h ` +
      `(toolchain chain ${fixed(graph.toolchainChainHours)} h of build).`,
    `Calibration: the package count is PR #1679's ${reference.packages} merges; build times were scaled until total build ` +
      `work was ${fixed(reference.totalBuildHours, 1)} h (= ${reference.utilisation} × ${reference.jobs} × ${reference.mergeWaitMakespanHours} h, ` +
      `derived from the PR's utilisation) and the critical path ${reference.criticalPathHours} h ` +
      `(${graph.calibrated ? `reached in ${graph.calibrationRounds} rounds` : 'NOT reached'}). Merge times, dependency shape and ` +
      'the makespans are not fitted. The PR reports merge-wait at --jobs 16 as ' +
      `${reference.mergeWaitMakespanHours} h (${percent(reference.utilisation)} utilisation); compare the model's row above.`,
    `Races: p = ${race.raceProbability} per plugin merge overlapping a plugin-loading build, heal miss q = ${race.healMissProbability}, ` +
      `settle ${race.settleSec} s; ${result.replicates} seeded replicates for the rows with race draws (means shown). ` +
      'Lower bound = max(critical path, build work / jobs, serial merges).',
  ].join('\n\n');
}

/** @param {ReturnType<typeof import('./sensitivity.js').runSensitivity>} rows */
export function sensitivityTable(rows) {
  const lines = [
    '| variant (recalibrated) | critical path (h) | serial merges (h) | merge-wait (h) | merge-wait / critical path | utilisation | no barriers, race-free (h) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const label = row.calibrated ? row.label : `${row.label} (calibration not reached)`;
    lines.push(
      `| ${label} | ${fixed(row.criticalPathHours)} | ${fixed(row.serialMergeHours)} | ${fixed(row.mergeWaitHours)} | ${fixed(row.mergeWaitRatioToCriticalPath)} | ${percent(row.mergeWaitUtilisation)} | ${fixed(row.noBarrierHours)} |`,
    );
  }
  return lines.join('\n');
}
