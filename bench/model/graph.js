// @ts-check
// A generated `emerge -e @world` graph. Packages are numbered in merge-list order, which is a topological
// order: every dependency of package i has a smaller number, as in Portage's merge list.
import { GRAPH_DEFAULTS } from './defaults.js';
import { placeSpecialPackages } from './roles.js';
import { markSystemSet } from './system-set.js';

/**
 * @typedef {object} Graph
 * @property {number} size
 * @property {Float64Array} build seconds of build per package
 * @property {Float64Array} merge seconds of merge per package
 * @property {number[][]} deps direct dependencies, all with smaller numbers
 * @property {number[][]} dependents the reverse edges
 * @property {Uint8Array} isPlugin 1 when merging this package can break a concurrent plugin-loading build
 * @property {Uint8Array} loadsPlugins 1 when this build loads setuptools entry points
 * @property {Uint8Array} isSystem 1 for the system set and its deep dependencies
 * @property {number[]} spine the toolchain chain, in order
 * @property {number[]} giants heavy builds off the chain
 */

/**
 * @param {import('./prng.js').Rng} rng
 * @param {Partial<import('./defaults.js').GraphOptions>} [overrides]
 * @returns {Graph}
 */
export function generateGraph(rng, overrides = {}) {
  const options = { ...GRAPH_DEFAULTS, ...overrides };
  const size = options.packages;
  const deps = Array.from({ length: size }, (_, i) => randomDeps(rng, i, options));
  const build = new Float64Array(size);
  const merge = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    build[i] = rng.lognormal(options.buildMedianSec, options.buildSigma);
    merge[i] = rng.lognormal(options.mergeMedianSec, options.mergeSigma);
  }
  const roles = placeSpecialPackages(rng, size, options, deps, build, merge);
  const isSystem = markSystemSet(rng.fork('system'), deps, options);
  return linkGraph({ build, merge, deps, isSystem, ...roles });
}

/**
 * Completes a graph from its packages: the reverse edges, and empty roles where none are given.
 * @param {{ build: ArrayLike<number>; merge: ArrayLike<number>; deps: number[][]; isPlugin?: ArrayLike<number>;
 *   loadsPlugins?: ArrayLike<number>; isSystem?: ArrayLike<number>; spine?: number[]; giants?: number[] }} parts
 * @returns {Graph}
 */
export function linkGraph(parts) {
  const size = parts.build.length;
  const dependents = Array.from({ length: size }, () => /** @type {number[]} */ ([]));
  parts.deps.forEach((deps, pkg) => {
    for (const dep of deps) {
      if (!(dep >= 0 && dep < pkg))
        throw new Error(`package ${pkg}: dependency ${dep} is not earlier in the merge list`);
      dependents[dep]?.push(pkg);
    }
  });
  return {
    size,
    build: Float64Array.from(parts.build),
    merge: Float64Array.from(parts.merge),
    deps: parts.deps,
    dependents,
    isPlugin: Uint8Array.from(parts.isPlugin ?? new Uint8Array(size)),
    loadsPlugins: Uint8Array.from(parts.loadsPlugins ?? new Uint8Array(size)),
    isSystem: Uint8Array.from(parts.isSystem ?? new Uint8Array(size)),
    spine: parts.spine ?? [],
    giants: parts.giants ?? [],
  };
}

/**
 * @param {import('./prng.js').Rng} rng
 * @param {number} i
 * @param {import('./defaults.js').GraphOptions} options
 */
function randomDeps(rng, i, options) {
  if (i === 0) return [];
  const wanted = Math.min(i, 1 + Math.floor(-Math.log(1 - rng.next()) * (options.depsMean - 1)));
  const chosen = new Set();
  for (let attempt = 0; chosen.size < wanted && attempt < 4 * wanted; attempt++) {
    const local = rng.next() < options.localDepShare;
    const dep = local
      ? Math.max(0, i - 1 - Math.floor(rng.next() * 60))
      : Math.floor(i * rng.next() ** options.depBias);
    chosen.add(Math.min(dep, i - 1));
  }
  return [...chosen].sort((a, b) => a - b);
}
