import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { relevanceMatcher } from './relevance.js';
import type { Change, Relevance } from './types.js';

/**
 * File systems stamp times from the kernel's coarse clock, which lags the real clock by up to a tick
 * (4 to 10 ms): a change made right after T may carry a time just before T.
 */
export const CLOCK_SLACK_MS = 20;

/** A deep walk of one implicated package stops here: a plugin has hundreds of files, not this many. */
const DEEP_LIMIT = 20_000;

/**
 * Changes since `sinceMs` seen by timestamps alone, so they count even when they happened before the
 * watcher was ready. Shallow over the roots' top-level entries, deep only under the relevant ones.
 * A rename keeps mtime but updates ctime, hence both.
 */
export async function scanChanges(
  roots: readonly string[],
  since: number,
  relevance: Relevance,
): Promise<Change[]> {
  const sinceMs = since - CLOCK_SLACK_MS;
  const matcher = relevanceMatcher(relevance);
  const changes: Change[] = [];
  await Promise.all(
    roots.map(async (root) => {
      if (matcher.any) await noteIfChanged(root, sinceMs, changes);
      const entries = await readdir(root).catch(() => [] as string[]);
      const relevant = matcher.any ? entries : entries.filter((entry) => matcher.matchesEntry(entry));
      await Promise.all(
        relevant.map(async (entry) => {
          const path = join(root, entry);
          const stats = await noteIfChanged(path, sinceMs, changes);
          if (stats?.isDirectory() && !matcher.any)
            await walkChanged(path, sinceMs, changes, { left: DEEP_LIMIT });
        }),
      );
    }),
  );
  if (relevance !== 'any') {
    await Promise.all((relevance.files ?? []).map((file) => noteIfChanged(file, sinceMs, changes)));
  }
  return dedupe(changes);
}

export function changeOf(path: string, stats: Stats, sinceMs: number): Change | null {
  if (stats.mtimeMs >= sinceMs)
    return { path, kind: 'mtime', time: Math.max(stats.mtimeMs, stats.ctimeMs), source: 'scan' };
  if (stats.ctimeMs >= sinceMs) return { path, kind: 'ctime', time: stats.ctimeMs, source: 'scan' };
  return null;
}

async function noteIfChanged(path: string, sinceMs: number, into: Change[]): Promise<Stats | null> {
  const stats = await lstat(path).catch(() => null);
  const change = stats && changeOf(path, stats, sinceMs);
  if (change) into.push(change);
  return stats;
}

async function walkChanged(
  dir: string,
  sinceMs: number,
  into: Change[],
  budget: { left: number },
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  budget.left -= entries.length;
  if (budget.left < 0) return;
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      await noteIfChanged(path, sinceMs, into);
      if (entry.isDirectory()) await walkChanged(path, sinceMs, into, budget);
    }),
  );
}

function dedupe(changes: Change[]): Change[] {
  const seen = new Map<string, Change>();
  for (const change of changes) seen.set(change.path, change);
  return [...seen.values()].sort((a, b) => a.time - b.time);
}
