/**
 * The figures Portage PR #1679 (gentoo/portage, "emerge: add --merge-wait-scope") reported for a real
 * `emerge -e @world` at --jobs=16: 1,674 merges, merge-wait makespan 8.57 h, critical-path bound 4.24 h,
 * build-slot utilisation 23 %. The model takes the graph's shape from them (size, total build work, critical
 * path) and nothing else; the makespans are outputs. Total work is not quoted directly, so it is derived:
 * utilisation × jobs × makespan = 0.23 × 16 × 8.57 h ≈ 31.5 h. That makes the model's utilisation at
 * --jobs 16 a restatement of its makespan, not a second check.
 *
 * @typedef {{ packages: number; jobs: number; mergeWaitMakespanHours: number; criticalPathHours: number;
 *   utilisation: number; totalBuildHours: number; narrowestScopeHours: number }} Reference
 * @type {Readonly<Reference>}
 */
export const PR1679: Readonly<Reference>;
/**
 * @typedef {{ packages: number; depsMean: number; localDepShare: number; depBias: number; buildMedianSec: number;
 *   buildSigma: number; spineLength: number; giants: number; giantMinSec: number; giantAlpha: number;
 *   giantMaxSec: number; mergeMedianSec: number; mergeSigma: number; plugins: number; pluginLoaderShare: number;
 *   pluginLoaderMedianSec: number; pluginDepShare: number; systemRoots: number; systemSpan: number }} GraphOptions
 * @type {Readonly<GraphOptions>}
 */
export const GRAPH_DEFAULTS: Readonly<GraphOptions>;
/**
 * @typedef {{ totalBuildHours: number; criticalPathHours: number; tolerance: number; maxRounds: number }} CalibrationTargets
 * @type {Readonly<CalibrationTargets>}
 */
export const CALIBRATION: Readonly<CalibrationTargets>;
/** @typedef {{ raceProbability: number; healMissProbability: number; settleSec: number }} RaceOptions */
/** @type {Readonly<RaceOptions>} */
export const RACE_DEFAULTS: Readonly<RaceOptions>;
/** @type {Readonly<{ seed: number; jobs: number[]; replicates: number; quickReplicates: number }>} */
export const RUN_DEFAULTS: Readonly<{
  seed: number;
  jobs: number[];
  replicates: number;
  quickReplicates: number;
}>;
/**
 * The figures Portage PR #1679 (gentoo/portage, "emerge: add --merge-wait-scope") reported for a real
 * `emerge -e
 */
export type Reference = {
  packages: number;
  jobs: number;
  mergeWaitMakespanHours: number;
  criticalPathHours: number;
  utilisation: number;
  totalBuildHours: number;
  narrowestScopeHours: number;
};
export type GraphOptions = {
  packages: number;
  depsMean: number;
  localDepShare: number;
  depBias: number;
  buildMedianSec: number;
  buildSigma: number;
  spineLength: number;
  giants: number;
  giantMinSec: number;
  giantAlpha: number;
  giantMaxSec: number;
  mergeMedianSec: number;
  mergeSigma: number;
  plugins: number;
  pluginLoaderShare: number;
  pluginLoaderMedianSec: number;
  pluginDepShare: number;
  systemRoots: number;
  systemSpan: number;
};
export type CalibrationTargets = {
  totalBuildHours: number;
  criticalPathHours: number;
  tolerance: number;
  maxRounds: number;
};
export type RaceOptions = {
  raceProbability: number;
  healMissProbability: number;
  settleSec: number;
};
