/**
 * The longest chain of build + merge through the dependency graph, in seconds.
 * @param {import('./graph.js').Graph} graph
 */
export function criticalPath(graph: import('./graph.js').Graph): number;
/**
 * The longest chain counted in packages. Under merge-wait a package's dependents can only build after a
 * release of the merge queue, so an emerge needs at least this many releases.
 * @param {import('./graph.js').Graph} graph
 */
export function depth(graph: import('./graph.js').Graph): number;
/** @param {Float64Array} values */
export function total(values: Float64Array): number;
/**
 * @param {import('./graph.js').Graph} graph
 * @param {number} jobs
 */
export function lowerBounds(
  graph: import('./graph.js').Graph,
  jobs: number,
): {
  criticalPath: number;
  workPerSlot: number;
  serialMerges: number;
  bound: number;
};
