// @ts-check
// Portage's "deep system deps": the system set and everything it needs at run time. With merge-wait off they
// still go through the merge-wait queue (Scheduler._build_exit: `"merge-wait" in FEATURES or is_system_pkg`)
// unless emerge runs with --implicit-system-deps=n. The system set sits early in the merge list.

/**
 * @param {import('./prng.js').Rng} rng
 * @param {number[][]} deps
 * @param {{ systemRoots: number; systemSpan: number }} options roots drawn from the first systemSpan of the list
 */
export function markSystemSet(rng, deps, options) {
  const size = deps.length;
  const isSystem = new Uint8Array(size);
  const span = Math.max(1, Math.floor(size * options.systemSpan));
  const stack = [];
  for (let k = 0; k < Math.min(options.systemRoots, span); k++) stack.push(Math.floor(rng.next() * span));
  for (let pkg = stack.pop(); pkg !== undefined; pkg = stack.pop()) {
    if (isSystem[pkg]) continue;
    isSystem[pkg] = 1;
    stack.push(...(deps[pkg] ?? []));
  }
  return isSystem;
}
