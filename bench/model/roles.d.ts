/**
 * @param {import('./prng.js').Rng} rng
 * @param {number} size
 * @param {import('./defaults.js').GraphOptions} options
 * @param {number[][]} deps edited in place
 * @param {Float64Array} build edited in place
 * @param {Float64Array} merge edited in place
 */
export function placeSpecialPackages(
  rng: import('./prng.js').Rng,
  size: number,
  options: import('./defaults.js').GraphOptions,
  deps: number[][],
  build: Float64Array,
  merge: Float64Array,
): {
  isPlugin: Uint8Array<ArrayBuffer>;
  loadsPlugins: Uint8Array<ArrayBuffer>;
  spine: number[];
  giants: number[];
};
