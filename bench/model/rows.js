// @ts-check
// The table rows for one --jobs: merge-wait once (it has no race to draw), the race-free schedule once (its
// exposure gives the expected failures of an unprotected emerge), and both racing policies over replicates.
// Both racing policies use the same seeded stream per replicate, so their difference is not draw noise.
import { lowerBounds } from './bounds.js';
import { expectedFailures, mean } from './expectation.js';
import { createRng } from './prng.js';
import { simulate } from './simulate.js';

const RACE_SWEEP = [0.01, 0.05, 0.1, 0.2, 0.5, 1];

/**
 * @param {import('./graph.js').Graph} graph
 * @param {number} jobs
 * @param {import('./experiment.js').ExperimentOptions} options
 */
export function rowsForJobs(graph, jobs, options) {
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
