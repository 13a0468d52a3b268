/**
 * @param {import('./state.js').State} state
 * @param {import('./state.js').Attempt} attempt
 * @param {{ pkg: number; start: number; end: number }} merging
 */
export function onOverlap(
  state: import('./state.js').State,
  attempt: import('./state.js').Attempt,
  merging: {
    pkg: number;
    start: number;
    end: number;
  },
): void;
