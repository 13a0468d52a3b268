/**
 * @param {import('./graph.js').Graph} graph
 * @param {ReturnType<typeof import('./calibrate.js').calibrate>} calibration
 */
export function describeGraph(
  graph: import('./graph.js').Graph,
  calibration: ReturnType<typeof import('./calibrate.js').calibrate>,
): {
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
