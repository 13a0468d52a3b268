import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isStaleByAge } from '../liveness.js';
import type { StagingEntry } from './context.js';

export type Claims = (name: string, isDirectory: boolean) => boolean;

const BUDGET = 50_000;

/**
 * One walk for every name-based detector. It reads each root's top level, descends only into
 * directories that changed within `staleAfterMs` (an installer adding entries bumps their mtime) and,
 * fully, into `deepDirs` (the implicated package, where an in-place upgrade leaves `x.dpkg-new`
 * without touching any parent).
 */
export async function gatherStaging(
  roots: readonly string[],
  claims: Claims,
  options: {
    staleAfterMs: number;
    now: number;
    deepDirs?: readonly string[];
    /** Top-level directories known to have changed (the journal's word), searched like recent ones. */
    recentDirs?: readonly string[];
    /** Stat every top-level directory to find the recent ones: thorough, but costs one lstat each. */
    statTopLevel?: boolean;
  },
): Promise<StagingEntry[]> {
  const found = new Map<string, StagingEntry>();
  const budget = { left: BUDGET };
  const visit = async (dir: string, recentOnly: boolean, statChildren = true): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    budget.left -= entries.length;
    if (budget.left < 0) return;
    await Promise.all(
      entries.map(async (entry) => {
        const path = join(dir, entry.name);
        const isDirectory = entry.isDirectory();
        if (claims(entry.name, isDirectory)) {
          const stats = await lstat(path).catch(() => null);
          if (stats) found.set(path, { path, name: entry.name, stats });
          return;
        }
        if (!isDirectory || !statChildren) return;
        if (recentOnly) {
          const stats = await lstat(path).catch(() => null);
          if (!stats || isStaleByAge(stats, options.staleAfterMs, options.now)) return;
        }
        await visit(path, recentOnly);
      }),
    );
  };
  await Promise.all([
    ...roots.map((root) => visit(root, true, options.statTopLevel ?? true)),
    ...(options.recentDirs ?? []).map((dir) => visit(dir, true)),
    ...(options.deepDirs ?? []).map((dir) => visit(dir, false)),
  ]);
  return [...found.values()];
}
