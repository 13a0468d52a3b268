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
export function rowsForJobs(
  graph: import('./graph.js').Graph,
  jobs: number,
  options: import('./experiment.js').ExperimentOptions,
): {
  rows: {
    jobs: number;
    id: RowId;
    label: string;
    makespanHours: number;
    criticalPathHours: number;
    lowerBoundHours: number;
    ratioToBound: number;
    ratioToCriticalPath: number;
    utilisation: number;
    /** a mean over replicates, or for 'stop-at-failure' the expectation over the race-free schedule */
    failedBuilds: number;
    /** only for 'stop-at-failure': the chance that the whole emerge finishes without a failed build */
    probabilityNoFailure: number | null;
    rebuilds: number;
    heals: number;
    waitSec: number;
    overlaps: number;
    mergeWaitReleases: number;
    meanMergeDelaySec: number;
    runs: number;
  }[];
  raceSweep: {
    expectedFailedBuilds: number;
    probabilityNoFailure: number;
    jobs: number;
    raceProbability: number;
  }[];
};
/**
 * merge-wait: FEATURES=merge-wait. system-*: FEATURES=-merge-wait, where Portage still queues the deep system
 * deps (--implicit-system-deps=y, the default). The others: no barrier at all (--implicit-system-deps=n).
 */
export type RowId =
  | 'merge-wait'
  | 'system-stop'
  | 'system-settle'
  | 'stop-at-failure'
  | 'rebuild'
  | 'plugin-settle';
