export function createMergeWait(): {
  /** @param {number} pkg */
  queue(pkg: number): void;
  /** @param {{ running: Set<unknown>; merging: unknown; mergeQueue: number[] }} state */
  release(state: { running: Set<unknown>; merging: unknown; mergeQueue: number[] }): boolean;
  blocksBuilds: () => boolean;
  merged(): void;
};
