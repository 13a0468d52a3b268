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
 * merge-wait: FEATURES=merge-wait. system-*: FEATURES=-merge-wait, where Portage still queues the deep system
 * deps (--implicit-system-deps=y, the default). The others: no barrier at all (--implicit-system-deps=n).
 * @typedef {'merge-wait' | 'system-stop' | 'system-settle' | 'stop-at-failure' | 'rebuild' | 'plugin-settle'} RowId
 */

/**
 * @param {import('./graph.js').Graph} graph
 * @param {number} jobs
 * @param {import('./experiment.js').ExperimentOptions} options
 */
export function rowsForJobs(graph, jobs, options) {
  const bounds = lowerBounds(graph, jobs);
  const { raceProbability, healMissProbability, settleSec } = options.race;
  /**
   * @param {import('./state.js').Policy} policy
   * @param {boolean} systemBarrier
   * @param {number} p
   * @param {number} replicate
   */
  const replay = (policy, systemBarrier, p, replicate) =>
    simulate(graph, {
      jobs,
      policy,
      systemBarrier,
      raceProbability: p,
      healMissProbability,
      settleSec,
      rng: createRng(options.seed).fork(`race ${jobs} ${replicate}`),
    });
  const replicates = Array.from({ length: options.replicates }, (_, r) => r);
  const mergeWait = replay('merge-wait', false, 0, 0);
  const systemRaceFree = replay('unprotected', true, 0, 0);
  const systemSettled = replicates.map((r) => replay('plugin-settle', true, raceProbability, r));
  const raceFree = replay('unprotected', false, 0, 0);
  const rebuilt = replicates.map((r) => replay('unprotected', false, raceProbability, r));
  const settled = replicates.map((r) => replay('plugin-settle', false, raceProbability, r));
  /**
   * @param {RowId} id
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
  /** @param {RowId} id @param {string} label @param {ReturnType<typeof simulate>} run race-free */
  const stopAtFailure = (id, label, run) => {
    const expected = expectedFailures(run.exposure, raceProbability);
    return {
      ...row(id, label, [run]),
      failedBuilds: expected.expectedFailedBuilds,
      probabilityNoFailure: expected.probabilityNoFailure,
    };
  };
  return {
    rows: [
      row('merge-wait', 'merge-wait (Portage default)', [mergeWait]),
      stopAtFailure(
        'system-stop',
        '-merge-wait, system set still waits: unprotected, stops at first failure',
        systemRaceFree,
      ),
      row('system-settle', '-merge-wait, system set still waits: plugin-settle', systemSettled),
      stopAtFailure('stop-at-failure', 'no barriers: unprotected, stops at the first failure', raceFree),
      row('rebuild', 'no barriers: unprotected, failed builds rebuilt', rebuilt),
      row('plugin-settle', 'no barriers: plugin-settle', settled),
    ],
    // Failures as a function of the unmeasured p, from the same race-free schedule.
    raceSweep: RACE_SWEEP.map((p) => ({
      jobs,
      raceProbability: p,
      ...expectedFailures(raceFree.exposure, p),
    })),
  };
}
