/**
 * @param {import('./prng.js').Rng} rng
 * @param {number[][]} deps
 * @param {{ systemRoots: number; systemSpan: number }} options roots drawn from the first systemSpan of the list
 */
export function markSystemSet(
  rng: import('./prng.js').Rng,
  deps: number[][],
  options: {
    systemRoots: number;
    systemSpan: number;
  },
): Uint8Array<ArrayBuffer>;
