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
export function generateGraph(
  rng: import('./prng.js').Rng,
  overrides?: Partial<import('./defaults.js').GraphOptions>,
): Graph;
/**
 * Completes a graph from its packages: the reverse edges, and empty roles where none are given.
 * @param {{ build: ArrayLike<number>; merge: ArrayLike<number>; deps: number[][]; isPlugin?: ArrayLike<number>;
 *   loadsPlugins?: ArrayLike<number>; isSystem?: ArrayLike<number>; spine?: number[]; giants?: number[] }} parts
 * @returns {Graph}
 */
export function linkGraph(parts: {
  build: ArrayLike<number>;
  merge: ArrayLike<number>;
  deps: number[][];
  isPlugin?: ArrayLike<number>;
  loadsPlugins?: ArrayLike<number>;
  isSystem?: ArrayLike<number>;
  spine?: number[];
  giants?: number[];
}): Graph;
export type Graph = {
  size: number;
  /**
   * seconds of build per package
   */
  build: Float64Array;
  /**
   * seconds of merge per package
   */
  merge: Float64Array;
  /**
   * direct dependencies, all with smaller numbers
   */
  deps: number[][];
  /**
   * the reverse edges
   */
  dependents: number[][];
  /**
   * 1 when merging this package can break a concurrent plugin-loading build
   */
  isPlugin: Uint8Array;
  /**
   * 1 when this build loads setuptools entry points
   */
  loadsPlugins: Uint8Array;
  /**
   * 1 for the system set and its deep dependencies
   */
  isSystem: Uint8Array;
  /**
   * the toolchain chain, in order
   */
  spine: number[];
  /**
   * heavy builds off the chain
   */
  giants: number[];
};
