import { lstat } from 'node:fs/promises';
import type { Journal } from './journal.js';
import { CLOCK_SLACK_MS, changeOf, scanChanges } from './scan.js';
import type { Change, Implicated } from './types.js';

/** "No change in the roots": the journal sees every top-level event, the roots' own timestamps every
 * entry added or removed, and the scan everything under the implicated paths. */
export async function quietCheck(
  roots: string[],
  journal: Journal,
  sinceMs: number,
  implicated: Implicated,
): Promise<Change[]> {
  const own = await Promise.all(
    roots.map(async (root) => {
      const stats = await lstat(root).catch(() => null);
      return stats ? changeOf(root, stats, sinceMs - CLOCK_SLACK_MS) : null;
    }),
  );
  const scanned = await scanChanges(roots, sinceMs, implicated);
  return [...journal.entriesSince(sinceMs), ...own.filter((change) => change !== null), ...scanned].sort(
    (a, b) => a.time - b.time,
  );
}
