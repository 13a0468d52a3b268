/**
 * @typedef {object} ExperimentOptions
 * @property {number} seed
 * @property {number[]} jobs
 * @property {number} replicates
 * @property {import('./defaults.js').RaceOptions} race
 * @property {Partial<import('./defaults.js').GraphOptions>} [graph]
 */
/** @param {number} seed @param {Partial<import('./defaults.js').GraphOptions>} [graphOptions] */
export function buildGraph(
  seed: number,
  graphOptions?: Partial<import('./defaults.js').GraphOptions>,
): {
  graph: import('./graph.js').Graph;
  calibration: {
    rounds: number;
    converged: boolean;
    totalBuildSec: number;
    criticalPathSec: number;
  };
};
/** @param {ExperimentOptions} options */
export function runExperiment(options: ExperimentOptions): {
  seed: number;
  replicates: number;
  race: import('./defaults.js').RaceOptions;
  graph: {
    packages: number;
    edges: number;
    depth: number;
    totalBuildHours: number;
    serialMergeHours: number;
    criticalPathHours: number;
    toolchainChainHours: number;
    heavyBuildHours: number;
    plugins: number;
    pluginLoadingBuilds: number;
    systemPackages: number;
    systemPlugins: number;
    calibrationRounds: number;
    calibrated: boolean;
  };
  reference: Readonly<import('./defaults.js').Reference>;
  rows: {
    jobs: number;
    id: import('./rows.js').RowId;
    label: string;
    makespanHours: number;
    criticalPathHours: number;
    lowerBoundHours: number;
    ratioToBound: number;
    ratioToCriticalPath: number;
    utilisation: number;
    failedBuilds: number;
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
export type ExperimentOptions = {
  seed: number;
  jobs: number[];
  replicates: number;
  race: import('./defaults.js').RaceOptions;
  graph?: Partial<import('./defaults.js').GraphOptions> | undefined;
};
