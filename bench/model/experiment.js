// @ts-check
// One model run: generate and calibrate the graph for a seed, then replay it for each --jobs under each policy.
// Race draws use their own seeded streams, one per replicate, shared by both racing policies.
import { depth, lowerBounds, total } from './bounds.js';
import { calibrate } from './calibrate.js';
import { PR1679 } from './defaults.js';
import { expectedFailures, mean } from './expectation.js';
import { generateGraph } from './graph.js';
import { createRng } from './prng.js';
import { simulate } from './simulate.js';

/**
 * @typedef {object} ExperimentOptions
 * @property {number} seed
 * @property {number[]} jobs
 * @property {number} replicates
 * @property {import('./defaults.js').RaceOptions} race
 * @property {Partial<import('./defaults.js').GraphOptions>} [graph]
 */

const RACE_SWEEP = [0.01, 0.05, 0.1, 0.2, 0.5, 1];

/** @param {number} seed @param {Partial<import('./defaults.js').GraphOptions>} [graphOptions] */
export function buildGraph(seed, graphOptions = {}) {
  const graph = generateGraph(createRng(seed).fork('graph'), graphOptions);
  const calibration = calibrate(graph);
  return { graph, calibration };
}

/** @param {ExperimentOptions} options */
export function runExperiment(options) {
  const { graph, calibration } = buildGraph(options.seed, options.graph);
  const perJobs = options.jobs.map((jobs) => rowsForJobs(graph, jobs, options));
  return {
    seed: options.seed,
    replicates: options.replicates,
    race: options.race,
    graph: describeGraph(graph, calibration),
    reference: PR1679,
    rows: perJobs.flatMap((part) => part.rows),
    raceSweep: perJobs.flatMap((part) => part.raceSweep),
  };
}

/**
 * @param {import('./graph.js').Graph} graph
 * @param {number} jobs
 * @param {ExperimentOptions} options
 */
function rowsForJobs(graph, jobs, options) {
  const bounds = lowerBounds(graph, jobs);
  const { raceProbability, healMissProbability, settleSec } = options.race;
  /** @param {import('./state.js').Policy} policy @param {number} p @param {number} replicate */
  const replay = (policy, p, replicate) =>
    simulate(graph, {
      jobs,
      policy,
      raceProbability: p,
      healMissProbability,
      settleSec,
      rng: createRng(options.seed).fork(`race ${jobs} ${replicate}`),
    });
  const mergeWait = replay('merge-wait', 0, 0);
  const raceFree = replay('unprotected', 0, 0);
  const expected = expectedFailures(raceFree.exposure, raceProbability);
  const replicates = Array.from({ length: options.replicates }, (_, r) => r);
  const rebuilt = replicates.map((r) => replay('unprotected', raceProbability, r));
  const settled = replicates.map((r) => replay('plugin-settle', raceProbability, r));
  /**
   * @param {'merge-wait' | 'stop-at-failure' | 'rebuild' | 'plugin-settle'} id
   * @param {string} label
   * @param {ReturnType<typeof simulate>[]} runs
   */
  const row = (id, label, runs) => {
    const makespanSec = mean(runs.map((run) => run.makespanSec));
    return {
      jobs,
      id,
      label,
      makespanHours: makespanSec / 3600,
      criticalPathHours: bounds.criticalPath / 3600,
      lowerBoundHours: bounds.bound / 3600,
      ratioToBound: makespanSec / bounds.bound,
      ratioToCriticalPath: makespanSec / bounds.criticalPath,
      utilisation: mean(runs.map((run) => run.utilisation)),
      /** a mean over replicates, or for 'stop-at-failure' the expectation over the race-free schedule */
      failedBuilds: mean(runs.map((run) => run.failedBuilds)),
      /** only for 'stop-at-failure': the chance that the whole emerge finishes without a failed build */
      probabilityNoFailure: /** @type {number | null} */ (null),
      rebuilds: mean(runs.map((run) => run.rebuilds)),
      heals: mean(runs.map((run) => run.heals)),
      waitSec: mean(runs.map((run) => run.waitSec)),
      overlaps: mean(runs.map((run) => run.overlaps)),
      mergeWaitReleases: mean(runs.map((run) => run.releases)),
      meanMergeDelaySec: mean(runs.map((run) => run.mergeDelaySec)) / graph.size,
      runs: runs.length,
    };
  };
  const stopAtFailure = row('stop-at-failure', 'unprotected: emerge stops at the first failure', [raceFree]);
  stopAtFailure.failedBuilds = expected.expectedFailedBuilds;
  stopAtFailure.probabilityNoFailure = expected.probabilityNoFailure;
  return {
    rows: [
      row('merge-wait', 'merge-wait (Portage default)', [mergeWait]),
      stopAtFailure,
      row('rebuild', 'unprotected: failed builds rebuilt', rebuilt),
      row('plugin-settle', 'plugin-settle: wait, rebuild only when the heal misses', settled),
    ],
    // Failures as a function of the unmeasured p, from the same race-free schedule.
    raceSweep: RACE_SWEEP.map((p) => ({
      jobs,
      raceProbability: p,
      ...expectedFailures(raceFree.exposure, p),
    })),
  };
}

/**
 * @param {import('./graph.js').Graph} graph
 * @param {ReturnType<typeof calibrate>} calibration
 */
function describeGraph(graph, calibration) {
  let edges = 0;
  for (const deps of graph.deps) edges += deps.length;
  const count = (/** @type {Uint8Array} */ flags) => flags.reduce((sum, flag) => sum + flag, 0);
  return {
    packages: graph.size,
    edges,
    depth: depth(graph),
    totalBuildHours: total(graph.build) / 3600,
    serialMergeHours: total(graph.merge) / 3600,
    criticalPathHours: calibration.criticalPathSec / 3600,
    toolchainChainHours: graph.spine.reduce((sum, pkg) => sum + (graph.build[pkg] ?? 0), 0) / 3600,
    heavyBuildHours: graph.giants.reduce((sum, pkg) => sum + (graph.build[pkg] ?? 0), 0) / 3600,
    plugins: count(graph.isPlugin),
    pluginLoadingBuilds: count(graph.loadsPlugins),
    calibrationRounds: calibration.rounds,
    calibrated: calibration.converged,
  };
}
