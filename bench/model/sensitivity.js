// @ts-check
// How much the merge-wait result at --jobs 16 depends on what the PR does not tell us: the graph seed, merge
// times, the spread of build times, how many dependencies a package has, how many heavy builds there are.
// Each variant is recalibrated to the same total work and critical path before it is replayed.
import { depth, lowerBounds, total } from './bounds.js';
import { buildGraph } from './experiment.js';
import { simulate } from './simulate.js';

/** @type {{ label: string; seedOffset?: number; graph?: Partial<import('./defaults.js').GraphOptions> }[]} */
export const VARIANTS = [
  { label: 'defaults' },
  ...[1, 2, 3, 4].map((offset) => ({ label: `graph seed +${offset}`, seedOffset: offset })),
  { label: 'merges: median 1 s', graph: { mergeMedianSec: 1 } },
  { label: 'merges: median 8 s', graph: { mergeMedianSec: 8 } },
  { label: 'build times: σ 1.0', graph: { buildSigma: 1.0 } },
  { label: 'build times: σ 1.8', graph: { buildSigma: 1.8 } },
  { label: 'deps: mean 3', graph: { depsMean: 3 } },
  { label: 'deps: mean 8', graph: { depsMean: 8 } },
  { label: 'heavy builds: none off the chain', graph: { giants: 0 } },
  { label: 'heavy builds: 16 off the chain', graph: { giants: 16 } },
  { label: 'packages: 3,000', graph: { packages: 3000 } },
];

/** @param {number} seed @param {number} jobs */
export function runSensitivity(seed, jobs) {
  return VARIANTS.map((variant) => {
    const { graph, calibration } = buildGraph(seed + (variant.seedOffset ?? 0), variant.graph);
    const bounds = lowerBounds(graph, jobs);
    const mergeWait = simulate(graph, { jobs, policy: 'merge-wait' });
    const noBarrier = simulate(graph, { jobs, policy: 'unprotected' });
    return {
      label: variant.label,
      jobs,
      calibrated: calibration.converged,
      depth: depth(graph),
      releases: mergeWait.releases,
      criticalPathHours: bounds.criticalPath / 3600,
      serialMergeHours: total(graph.merge) / 3600,
      mergeWaitHours: mergeWait.makespanSec / 3600,
      mergeWaitUtilisation: mergeWait.utilisation,
      noBarrierHours: noBarrier.makespanSec / 3600,
      mergeWaitRatioToCriticalPath: mergeWait.makespanSec / bounds.criticalPath,
    };
  });
}
