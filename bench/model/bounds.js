// @ts-check
// Lower bounds on any schedule of the graph, whatever the policy: a package builds only after all its
// dependencies have merged, J slots build at most J packages at once, and merges run one at a time
// (FEATURES=parallel-install is not a Portage default, so the merge queue holds one job).

/**
 * The longest chain of build + merge through the dependency graph, in seconds.
 * @param {import('./graph.js').Graph} graph
 */
export function criticalPath(graph) {
  const finish = new Float64Array(graph.size);
  let longest = 0;
  for (let i = 0; i < graph.size; i++) {
    let ready = 0;
    for (const dep of graph.deps[i] ?? []) ready = Math.max(ready, finish[dep] ?? 0);
    finish[i] = ready + (graph.build[i] ?? 0) + (graph.merge[i] ?? 0);
    longest = Math.max(longest, finish[i] ?? 0);
  }
  return longest;
}

/**
 * The longest chain counted in packages. Under merge-wait a package's dependents can only build after a
 * release of the merge queue, so an emerge needs at least this many releases.
 * @param {import('./graph.js').Graph} graph
 */
export function depth(graph) {
  const level = new Int32Array(graph.size);
  let deepest = 0;
  for (let i = 0; i < graph.size; i++) {
    for (const dep of graph.deps[i] ?? []) level[i] = Math.max(level[i] ?? 0, level[dep] ?? 0);
    level[i] = (level[i] ?? 0) + 1;
    deepest = Math.max(deepest, level[i] ?? 0);
  }
  return deepest;
}

/** @param {Float64Array} values */
export function total(values) {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

/**
 * @param {import('./graph.js').Graph} graph
 * @param {number} jobs
 */
export function lowerBounds(graph, jobs) {
  const path = criticalPath(graph);
  const work = total(graph.build) / jobs;
  const merges = total(graph.merge);
  return { criticalPath: path, workPerSlot: work, serialMerges: merges, bound: Math.max(path, work, merges) };
}
