// @ts-check
// Every knob of the model in one place, with where its value comes from.

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
export const PR1679 = Object.freeze({
  packages: 1674,
  jobs: 16,
  mergeWaitMakespanHours: 8.57,
  criticalPathHours: 4.24,
  utilisation: 0.23,
  totalBuildHours: 0.23 * 16 * 8.57,
  /** "even the narrowest scope left 4.81 h" (issue #8's summary of the PR) */
  narrowestScopeHours: 4.81,
});

/**
 * @typedef {{ packages: number; depsMean: number; localDepShare: number; depBias: number; buildMedianSec: number;
 *   buildSigma: number; spineLength: number; giants: number; giantMinSec: number; giantAlpha: number;
 *   giantMaxSec: number; mergeMedianSec: number; mergeSigma: number; plugins: number; pluginLoaderShare: number;
 *   pluginLoaderMedianSec: number; pluginDepShare: number; systemRoots: number; systemSpan: number }} GraphOptions
 * @type {Readonly<GraphOptions>}
 */
export const GRAPH_DEFAULTS = Object.freeze({
  packages: PR1679.packages,
  /** Mean number of direct (build + runtime) dependencies per package. */
  depsMean: 5,
  /** Share of dependencies drawn from the ~60 packages just before (library families, dev-python chains). */
  localDepShare: 0.15,
  /** Other dependencies fall at position ⌊i·u^bias⌋: the first packages (toolchain, libc) get most dependents. */
  depBias: 2.2,
  /** Ordinary builds: lognormal, before calibration scales them. */
  buildMedianSec: 25,
  buildSigma: 1.4,
  /** A toolchain chain (gcc → llvm → clang → rust → firefox-like) whose length sets the critical path. */
  spineLength: 6,
  /** Other heavy builds off the chain (qtwebengine-, libreoffice-, texlive-like): Pareto. */
  giants: 8,
  giantMinSec: 1200,
  giantAlpha: 1.4,
  giantMaxSec: 3 * 3600,
  /** Merges are short (emerge.log "Merging" → "completed emerge"); heavy packages merge 4× longer. */
  mergeMedianSec: 3,
  mergeSigma: 0.9,
  /** setuptools plus the plugins a desktop world rebuilds: setuptools-scm, pbr, wheel, cffi, setuptools-rust… */
  plugins: 10,
  /** Builds that load setuptools entry points (dev-python/* with the setuptools backend). */
  pluginLoaderShare: 0.22,
  pluginLoaderMedianSec: 15,
  /** Chance that a plugin-loading build depends on a given plugin (and so never overlaps its merge). */
  pluginDepShare: 0.15,
  /** The system set: this many packages from the first systemSpan of the merge list, plus all they depend on. */
  systemRoots: 90,
  systemSpan: 0.12,
});

/**
 * @typedef {{ totalBuildHours: number; criticalPathHours: number; tolerance: number; maxRounds: number }} CalibrationTargets
 * @type {Readonly<CalibrationTargets>}
 */
export const CALIBRATION = Object.freeze({
  totalBuildHours: PR1679.totalBuildHours,
  criticalPathHours: PR1679.criticalPathHours,
  tolerance: 0.005,
  maxRounds: 60,
});

/** @typedef {{ raceProbability: number; healMissProbability: number; settleSec: number }} RaceOptions */
/** @type {Readonly<RaceOptions>} */
export const RACE_DEFAULTS = Object.freeze({
  /** Chance that one plugin merge overlapping a plugin-loading build breaks it (unmeasured: a parameter). */
  raceProbability: 0.2,
  /** Chance that plugin-settle's in-process heal does not apply and the build is retried from scratch. */
  healMissProbability: 0.1,
  /** plugin-settle's default settle: the tree must be quiet this long after the merge. */
  settleSec: 0.75,
});

/** @type {Readonly<{ seed: number; jobs: number[]; replicates: number; quickReplicates: number }>} */
export const RUN_DEFAULTS = Object.freeze({
  seed: 1,
  jobs: [4, 16, 32],
  replicates: 200,
  quickReplicates: 20,
});
