import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { firstComponentUnder, relevanceMatcher } from './relevance.js';
import type { Change, Implicated } from './types.js';

/**
 * Top-level directories of the roots that changed since `sinceMs`, with their newest time. Taken
 * once when the journal is ready: from then on the journal names what moves, and this covers what
 * moved before it was listening.
 */
export async function recentTopLevelDirs(
  roots: readonly string[],
  sinceMs: number,
): Promise<Map<string, number>> {
  const recent = new Map<string, number>();
  await Promise.all(
    roots.map(async (root) => {
      const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
      await Promise.all(
        entries
          .filter((entry) => entry.isDirectory())
          .map(async (entry) => {
            const path = join(root, entry.name);
            const stats = await lstat(path).catch(() => null);
            const newest = stats ? Math.max(stats.mtimeMs, stats.ctimeMs) : 0;
            if (newest >= sinceMs) recent.set(path, newest);
          }),
      );
    }),
  );
  return recent;
}

/** Top-level entries the journal saw move (removals excluded: nothing left to search). */
export function journalTopLevels(roots: string[], changes: Change[]): string[] {
  const dirs = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'unlink' || change.kind === 'unlinkDir') continue;
    const entry = firstComponentUnder(roots, change.path);
    const root = entry && roots.find((r) => change.path.startsWith(join(r, entry)));
    if (root && entry) dirs.add(join(root, entry));
  }
  return [...dirs];
}

/** The implicated package's own directories, searched in full. */
export async function implicatedDirs(roots: string[], implicated: Implicated): Promise<string[]> {
  const matcher = relevanceMatcher(implicated);
  const dirs: string[] = [];
  for (const root of roots) {
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.endsWith('.pth') && matcher.matchesEntry(entry.name))
        dirs.push(join(root, entry.name));
    }
  }
  return dirs;
}
