// @ts-check
// Markdown for BENCHMARKS.md: the table per --jobs, how the graph was calibrated and what it gives against
// PR #1679, failures as a function of the unmeasured race probability, and how far merge-wait moves with
// what the PR leaves unsaid.

/** @typedef {ReturnType<typeof import('./experiment.js').runExperiment>} Result */

/** @param {number} value @param {number} [digits] */
const fixed = (value, digits = 2) => value.toFixed(digits);
/** @param {number} value */
const percent = (value) =>
  value > 0 && value < 0.001 ? '< 0.1 %' : `${(100 * value).toFixed(value < 0.1 && value > 0 ? 1 : 0)} %`;

/** @param {Result['rows'][number]} row */
function failedCell(row) {
  if (row.id === 'stop-at-failure' || row.id === 'system-stop') {
    return `${fixed(row.failedBuilds)} expected, P(none) ${percent(row.probabilityNoFailure ?? 0)}`;
  }
  return row.id === 'rebuild' ? fixed(row.failedBuilds) : '0';
}

/** @param {Result} result */
export function resultTable(result) {
  const lines = [
    '| --jobs | policy | makespan (h) | critical path (h) | lower bound (h) | makespan / bound | makespan / critical path | build-slot utilisation | failed builds | rebuilds |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of result.rows) {
    const rebuilds = row.id === 'stop-at-failure' || row.id === 'system-stop' ? '—' : fixed(row.rebuilds);
    lines.push(
      `| ${row.jobs} | ${row.label} | ${fixed(row.makespanHours)} | ${fixed(row.criticalPathHours)} | ${fixed(row.lowerBoundHours)} | ${fixed(row.ratioToBound)} | ${fixed(row.ratioToCriticalPath)} | ${percent(row.utilisation)} | ${failedCell(row)} | ${rebuilds} |`,
    );
  }
  return lines.join('\n');
}

/** @param {Result} result */
export function calibrationNote(result) {
  const { graph, reference, race } = result;
  const modelled = result.rows.find((row) => row.id === 'merge-wait' && row.jobs === reference.jobs);
  const comparison = modelled
    ? `The model gives ${fixed(modelled.makespanHours)} h (${fixed(modelled.ratioToCriticalPath)}× the critical path, ` +
      `${percent(modelled.utilisation)} utilisation) where PR #1679 reports ${reference.mergeWaitMakespanHours} h ` +
      `(${fixed(reference.mergeWaitMakespanHours / reference.criticalPathHours)}×, ${percent(reference.utilisation)}) at --jobs ${reference.jobs}.`
    : `PR #1679 reports merge-wait at --jobs ${reference.jobs}: ${reference.mergeWaitMakespanHours} h.`;
  const settled = result.rows.filter((row) => row.id === 'plugin-settle');
  const system = result.rows.filter((row) => row.id === 'system-stop');
  return [
    `Graph (seed ${result.seed}): ${graph.packages} packages, ${graph.edges} dependency edges, longest chain ${graph.depth} packages, ${graph.plugins} setuptools plugins, ` +
      `${graph.pluginLoadingBuilds} plugin-loading builds; total build work ${fixed(graph.totalBuildHours)} h, ` +
      `serial merge time ${fixed(graph.serialMergeHours)} h, critical path ${fixed(graph.criticalPathHours)} h ` +
      `(of which a toolchain chain: ${fixed(graph.toolchainChainHours)} h of build).`,
    `Calibration: the package count is PR #1679's ${reference.packages} merges; build times were scaled until total build ` +
      `work was ${fixed(reference.totalBuildHours, 1)} h (= ${reference.utilisation} × ${reference.jobs} × ${reference.mergeWaitMakespanHours} h, ` +
      `derived from the PR's utilisation, so utilisation at --jobs ${reference.jobs} is not an independent check) and the critical ` +
      `path was ${reference.criticalPathHours} h (${graph.calibrated ? `reached in ${graph.calibrationRounds} rounds` : 'NOT reached'}). ` +
      'Merge times (lognormal, median 3 s), the dependency shape and every makespan are not fitted. ' +
      comparison +
      mergeWaitMechanism(result),
    `Races: p = ${race.raceProbability} per plugin merge overlapping a plugin-loading build (not measured: a parameter), ` +
      `heal miss q = ${race.healMissProbability}, settle ${race.settleSec} s; ${result.replicates} seeded replicates ` +
      'for the rows with race draws (means). Lower bound = max(critical path, build work / jobs, serial merges: ' +
      'without FEATURES=parallel-install Portage merges one package at a time). plugin-settle waits: ' +
      settled
        .map((row) => `--jobs ${row.jobs} ${fixed(row.heals)} heals, ${fixed(row.waitSec, 1)} s`)
        .join('; ') +
      '.',
    `Barriers: with FEATURES=-merge-wait Portage still sends the system set and its deep runtime dependencies ` +
      `through the merge-wait queue unless emerge runs with --implicit-system-deps=n; here that is ${graph.systemPackages} ` +
      `packages (${graph.systemPlugins} of them setuptools plugins), drawn, not taken from a real system set. ` +
      `"no barriers" rows assume --implicit-system-deps=n. PR #1679 reports ${reference.narrowestScopeHours} h for its ` +
      `narrowest --merge-wait-scope at --jobs ${reference.jobs} (what that scope holds is not in our sources); the model's ` +
      'barrier on all deep system deps gives ' +
      system.map((row) => `${fixed(row.makespanHours)} h at --jobs ${row.jobs}`).join(', ') +
      '.',
  ].join('\n\n');
}

/** @param {Result} result */
function mergeWaitMechanism(result) {
  const rows = result.rows.filter((row) => row.id === 'merge-wait');
  const list = (/** @type {(row: Result['rows'][number]) => string} */ pick) => rows.map(pick).join('/');
  return (
    ' Why: the merge-wait queue is released only when no build runs, and a package builds only after the release' +
    ' that merges its dependencies, so merge-wait builds the graph one dependency level per release, each level' +
    ` waiting for its longest build. --jobs ${list((row) => String(row.jobs))}: ${list((row) => String(row.mergeWaitReleases))}` +
    ` releases (longest chain: ${result.graph.depth} packages); a built package waited` +
    ` ${list((row) => fixed(row.meanMergeDelaySec / 60, 1))} min for its merge on average.`
  );
}

/** @param {Result} result */
export function raceSweepTable(result) {
  const jobs = [...new Set(result.raceSweep.map((entry) => entry.jobs))];
  const ps = [...new Set(result.raceSweep.map((entry) => entry.raceProbability))];
  const cell = (/** @type {number} */ j, /** @type {number} */ p) => {
    const entry = result.raceSweep.find((e) => e.jobs === j && e.raceProbability === p);
    return entry ? `${fixed(entry.expectedFailedBuilds)} (${percent(entry.probabilityNoFailure)})` : '';
  };
  return [
    `| unprotected, expected failed builds (P(none)) | ${ps.map((p) => `p = ${p}`).join(' | ')} |`,
    `| --- | ${ps.map(() => '---:').join(' | ')} |`,
    ...jobs.map((j) => `| --jobs ${j} | ${ps.map((p) => cell(j, p)).join(' | ')} |`),
  ].join('\n');
}

/** @param {ReturnType<typeof import('./sensitivity.js').runSensitivity>} rows */
export function sensitivityTable(rows) {
  const lines = [
    '| variant (recalibrated) | critical path (h) | longest chain (packages) | serial merges (h) | merge-wait (h) | merge-wait / critical path | releases | utilisation | no barriers, race-free (h) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const label = row.calibrated ? row.label : `${row.label} (calibration not reached)`;
    lines.push(
      `| ${label} | ${fixed(row.criticalPathHours)} | ${row.depth} | ${fixed(row.serialMergeHours)} | ${fixed(row.mergeWaitHours)} | ${fixed(row.mergeWaitRatioToCriticalPath)} | ${row.releases} | ${percent(row.mergeWaitUtilisation)} | ${fixed(row.noBarrierHours)} |`,
    );
  }
  return lines.join('\n');
}
