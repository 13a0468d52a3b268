/** @param {import('./graph.js').Graph} graph @param {import('./state.js').SimOptions} options */
export function simulate(
  graph: import('./graph.js').Graph,
  options: import('./state.js').SimOptions,
): {
  exposure: Map<number, number>;
  trace: import('./state.js').Interval[];
  failedBuilds: number;
  rebuilds: number;
  heals: number;
  overlaps: number;
  slotBusy: number;
  waitSec: number;
  wastedSec: number;
  releases: number;
  mergeDelaySec: number;
  policy: import('./state.js').Policy;
  jobs: number;
  makespanSec: number;
  usefulBuildSec: number;
  utilisation: number;
  slotBusyShare: number;
};
export type State = import('./state.js').State;
export type Attempt = import('./state.js').Attempt;
