// @ts-check
// The numbers that say what graph a run used, for the report and the JSON.
import { depth, total } from './bounds.js';

/**
 * @param {import('./graph.js').Graph} graph
 * @param {ReturnType<typeof import('./calibrate.js').calibrate>} calibration
 */
export function describeGraph(graph, calibration) {
  let edges = 0;
  for (const deps of graph.deps) edges += deps.length;
  const count = (/** @type {Uint8Array} */ flags) => flags.reduce((sum, flag) => sum + flag, 0);
  return {
    packages: graph.size,
    edges,
    depth: depth(graph),
    totalBuildHours: total(graph.build) / 3600,
    serialMergeHours: total(graph.merge) / 3600,
    criticalPathHours: calibration.criticalPathSec / 3600,
    toolchainChainHours: graph.spine.reduce((sum, pkg) => sum + (graph.build[pkg] ?? 0), 0) / 3600,
    heavyBuildHours: graph.giants.reduce((sum, pkg) => sum + (graph.build[pkg] ?? 0), 0) / 3600,
    plugins: count(graph.isPlugin),
    pluginLoadingBuilds: count(graph.loadsPlugins),
    systemPackages: count(graph.isSystem),
    systemPlugins: graph.isPlugin.reduce((sum, flag, pkg) => sum + (flag && graph.isSystem[pkg] ? 1 : 0), 0),
    calibrationRounds: calibration.rounds,
    calibrated: calibration.converged,
  };
}
