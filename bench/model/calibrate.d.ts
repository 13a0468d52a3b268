/**
 * @param {import('./graph.js').Graph} graph edited in place
 * @param {Partial<import('./defaults.js').CalibrationTargets>} [overrides]
 */
export function calibrate(
  graph: import('./graph.js').Graph,
  overrides?: Partial<import('./defaults.js').CalibrationTargets>,
): {
  rounds: number;
  converged: boolean;
  totalBuildSec: number;
  criticalPathSec: number;
};
