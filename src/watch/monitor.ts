import { lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findIncomplete } from './completeness/index.js';
import { detectMerges } from './detectors/index.js';
import { type Journal, startJournal, type WatchFactory } from './journal.js';
import { recentTopLevelDirs } from './recent-dirs.js';
import { firstComponentUnder, relevanceMatcher } from './relevance.js';
import { CLOCK_SLACK_MS, changeOf, scanChanges } from './scan.js';
import { waitForSettled } from './settle.js';
import type { Change, Implicated, Incomplete, MergeInProgress, Relevance, SettleOutcome } from './types.js';
import { venvOf } from './venvs.js';

export interface MonitorOptions {
  roots: string[];
  extraRoots?: string[];
  portageRoot?: string;
  staleAfterMs?: number;
  onWarning?: (message: string) => void;
  /** Tests only: a watcher factory standing in for chokidar. */
  watch?: WatchFactory;
  /** Tests only: where the lock table is read from (default /proc/locks). */
  procLocks?: string;
}

export interface Monitor {
  readonly roots: string[];
  /** Resolves once the watcher has listed the roots (or gave up); nothing needs to await it. */
  readonly ready: Promise<void>;
  changesSince(sinceMs: number, relevance: Relevance): Promise<Change[]>;
  mergesInProgress(implicated?: Implicated): Promise<MergeInProgress[]>;
  incomplete(implicated?: Implicated): Promise<Array<Incomplete & { stale: boolean }>>;
  waitForSettled(options: {
    settleMs: number;
    maxWaitMs: number;
    implicated: Implicated;
    signal?: AbortSignal;
    onProgress?: (waitingFor: string) => void;
  }): Promise<SettleOutcome>;
  close(): Promise<void>;
}

/**
 * Returns at once: the watcher lists the roots in the background and the timestamp scan covers
 * whatever happened before it was ready, so the build never waits for the monitor.
 */
export function startMonitor(options: MonitorOptions): Monitor {
  const roots = [...new Set([...options.roots, ...(options.extraRoots ?? [])].map((root) => resolve(root)))];
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const portageRoot = options.portageRoot ?? process.env.EROOT ?? '/';
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    options.onWarning?.(message);
  };
  const journal: Journal = startJournal(roots, {
    onWarning: warn,
    ...(options.watch ? { watch: options.watch } : {}),
  });
  const layout = classifyRoots(roots, warn);
  const cannotTell = (path: string) =>
    warn(`cannot tell whether ${path} is locked: /proc/locks is not available here`);

  const changesSince = async (sinceMs: number, relevance: Relevance): Promise<Change[]> => {
    const matcher = relevanceMatcher(relevance);
    const seen = journal.entriesSince(sinceMs).filter((change) => matcher.matchesPath(roots, change.path));
    const scanned = await scanChanges(roots, sinceMs, relevance);
    return [...seen, ...scanned].sort((a, b) => a.time - b.time);
  };

  let journalListening = false;
  void journal.ready.then(() => {
    journalListening = true;
  });
  let baseline: Promise<Map<string, number>> | null = null;

  const mergesInProgress = async (implicated?: Implicated) => {
    const { systemRoots, venvs } = await layout;
    const deepDirs = implicated ? await implicatedDirs(roots, implicated) : [];
    // On the hot path (a settle wait polls this) the journal names the top-level entries that moved,
    // sparing an lstat of every package; without an implicated package, or without a journal, look at all.
    const now = Date.now();
    const cheap = implicated !== undefined && journalListening && !journal.degraded;
    const recentDirs: string[] = [];
    if (cheap) {
      baseline ??= recentTopLevelDirs(roots, now - staleAfterMs);
      for (const [path, time] of await baseline) if (time >= now - staleAfterMs) recentDirs.push(path);
      recentDirs.push(...journalTopLevels(roots, journal.entriesSince(now - staleAfterMs)));
    }
    const statTopLevel = !cheap;
    return detectMerges({
      roots,
      systemRoots,
      venvs,
      portageRoot,
      staleAfterMs,
      deepDirs,
      recentDirs,
      statTopLevel,
      cannotTell,
      ...(options.procLocks ? { procLocks: options.procLocks } : {}),
    });
  };
  const incomplete = (implicated?: Implicated) => findIncomplete(roots, implicated, { staleAfterMs });

  return {
    roots,
    ready: journal.ready,
    changesSince,
    mergesInProgress,
    incomplete,
    waitForSettled: (settle) =>
      waitForSettled(
        {
          merges: mergesInProgress,
          incomplete: (implicated) => incomplete(implicated),
          changesSince: (sinceMs, implicated) => quietCheck(roots, journal, sinceMs, implicated),
        },
        settle,
      ),
    close: () => journal.close(),
  };
}

/** "No change in the roots": the journal sees every top-level event, the roots' own timestamps every
 * entry added or removed, and the scan everything under the implicated paths. */
async function quietCheck(
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

function journalTopLevels(roots: string[], changes: Change[]): string[] {
  const dirs = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'unlink' || change.kind === 'unlinkDir') continue;
    const entry = firstComponentUnder(roots, change.path);
    const root = entry && roots.find((r) => change.path.startsWith(join(r, entry)));
    if (root && entry) dirs.add(join(root, entry));
  }
  return [...dirs];
}

async function implicatedDirs(roots: string[], implicated: Implicated): Promise<string[]> {
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

async function classifyRoots(roots: string[], warn: (message: string) => void) {
  const systemRoots: string[] = [];
  const venvs = new Set<string>();
  await Promise.all(
    roots.map(async (root) => {
      const stats = await lstat(root).catch((error: NodeJS.ErrnoException) => error);
      if (stats instanceof Error || !stats.isDirectory()) {
        const why = stats instanceof Error ? (stats.code ?? stats.message) : 'not a directory';
        warn(`cannot watch ${root} (${why}); nothing there to watch`);
        return;
      }
      const venv = await venvOf(root);
      if (venv) venvs.add(venv);
      else systemRoots.push(root);
    }),
  );
  return { systemRoots, venvs: [...venvs] };
}
