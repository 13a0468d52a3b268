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
    id: 'merge-wait' | 'plugin-settle' | 'stop-at-failure' | 'rebuild';
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
