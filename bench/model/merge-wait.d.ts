/** @param {(pkg: number) => boolean} waits */
export function createMergeWait(waits: (pkg: number) => boolean): {
  waits: (pkg: number) => boolean;
  /** @param {number} pkg */
  queue(pkg: number): void;
  /** @param {{ running: Set<unknown>; merging: unknown; mergeQueue: number[] }} state */
  release(state: { running: Set<unknown>; merging: unknown; mergeQueue: number[] }): boolean;
  blocksBuilds: () => boolean;
  /** @param {number} pkg */
  merged(pkg: number): void;
};
