// @ts-check
// A seeded PRNG so a model run can be repeated exactly: sfc32, seeded through splitmix32 so that nearby
// seeds (1, 2, 3…) give unrelated streams.

/** @typedef {{ next(): number; normal(): number; lognormal(median: number, sigma: number): number; pareto(min: number, alpha: number, max?: number): number; fork(label: string): Rng }} Rng */

/** @param {number} x */
function splitmix32(x) {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** @param {string} text */
function hashLabel(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * @param {number} seed
 * @returns {Rng}
 */
export function createRng(seed) {
  let a = splitmix32(seed);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = splitmix32(c);
  /** @type {number | undefined} */
  let spareNormal;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  /** @type {Rng} */
  const rng = {
    next,
    normal() {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      const u = 1 - next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    // Truncated at max by inverse CDF, so a cap does not pile probability mass onto the cap itself.
    pareto: (min, alpha, max = Number.POSITIVE_INFINITY) =>
      min / (1 - next() * (1 - (min / max) ** alpha)) ** (1 / alpha),
    // Independent sub-streams keep the graph identical when only the race draws change, and vice versa.
    fork: (label) => createRng(splitmix32(seed ^ hashLabel(label))),
  };
  return rng;
}
