import { resolve } from 'node:path';
import { findIncomplete, type IncompleteWithAge } from './completeness/index.js';
import { detectMerges } from './detectors/index.js';
import { fsWatchFactory } from './fs-watch.js';
import { type Journal, startJournal, type WatchFactory } from './journal.js';
import { quietCheck } from './quiet.js';
import { implicatedDirs, journalTopLevels, recentTopLevelDirs } from './recent-dirs.js';
import { relevanceMatcher } from './relevance.js';
import { scanChanges } from './scan.js';
import { type SettleOptions, waitForSettled } from './settle.js';
import type { Change, Implicated, MergeInProgress, Relevance, SettleOutcome } from './types.js';
import { classifyRoots } from './venvs.js';

export interface MonitorOptions {
  roots: string[];
  extraRoots?: string[];
  portageRoot?: string;
  staleAfterMs?: number;
  onWarning?: (message: string) => void;
  /**
   * Where the journal's events come from. `fs-watch` (default): one inotify watch per root, ready after
   * one readdir. `chokidar`: the same events, but it stats every top-level entry before it is ready,
   * about a second of CPU on 4,000 entries (bench/monitor.js) spent beside every build. A factory is for tests.
   */
  watch?: 'chokidar' | 'fs-watch' | WatchFactory;
  /** Tests only: where the lock table is read from (default /proc/locks). */
  procLocks?: string;
}

export interface Monitor {
  readonly roots: string[];
  /** Resolves once the watcher has listed the roots (or gave up); nothing needs to await it. */
  readonly ready: Promise<void>;
  changesSince(sinceMs: number, relevance: Relevance): Promise<Change[]>;
  mergesInProgress(implicated?: Implicated): Promise<MergeInProgress[]>;
  incomplete(implicated?: Implicated): Promise<IncompleteWithAge[]>;
  waitForSettled(options: SettleOptions): Promise<SettleOutcome>;
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
  const watchFactory =
    options.watch === 'chokidar'
      ? undefined
      : options.watch === 'fs-watch' || !options.watch
        ? fsWatchFactory
        : options.watch;
  const journal: Journal = startJournal(roots, {
    onWarning: warn,
    ...(watchFactory ? { watch: watchFactory } : {}),
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
