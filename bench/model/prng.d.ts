/**
 * @param {number} seed
 * @returns {Rng}
 */
export function createRng(seed: number): Rng;
export type Rng = {
  next(): number;
  normal(): number;
  lognormal(median: number, sigma: number): number;
  pareto(min: number, alpha: number, max?: number): number;
  fork(label: string): Rng;
};
