import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

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
