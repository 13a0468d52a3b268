/** @param {number} seed @param {number} jobs */
export function runSensitivity(
  seed: number,
  jobs: number,
): {
  label: string;
  jobs: number;
  calibrated: boolean;
  depth: number;
  releases: number;
  criticalPathHours: number;
  serialMergeHours: number;
  mergeWaitHours: number;
  mergeWaitUtilisation: number;
  noBarrierHours: number;
  mergeWaitRatioToCriticalPath: number;
}[];
/** @type {{ label: string; seedOffset?: number; graph?: Partial<import('./defaults.js').GraphOptions> }[]} */
export const VARIANTS: {
  label: string;
  seedOffset?: number;
  graph?: Partial<import('./defaults.js').GraphOptions>;
}[];
