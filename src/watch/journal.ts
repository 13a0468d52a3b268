import { join } from 'node:path';
import { type ChokidarOptions, watch as chokidarWatch, type FSWatcher } from 'chokidar';
import type { Change, ChangeKind } from './types.js';

export type WatchFactory = (paths: string[], options: ChokidarOptions) => FSWatcher;

export interface JournalOptions {
  maxEntries?: number;
  maxAgeMs?: number;
  onWarning?: (message: string) => void;
  /** A chokidar-shaped watcher: the monitor passes the fs.watch one, tests inject failing ones; default chokidar. */
  watch?: WatchFactory;
}

export interface Journal {
  /** Resolves when the watcher's initial listing is done, or at once when it gave up. */
  readonly ready: Promise<void>;
  /** True once the watcher failed for good and only timestamp scans remain. */
  readonly degraded: boolean;
  entriesSince(sinceMs: number): Change[];
  close(): Promise<void>;
}

const EVENT_KINDS = new Set<string>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);
const LIMIT_CODES = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/**
 * A bounded record of what the watcher saw, in chokidar's event names whichever backend. Shallow by
 * design (depth 0): inotify watches grow with the roots, not with files; deeper changes are found by
 * the timestamp scan.
 */
export function startJournal(roots: string[], options: JournalOptions = {}): Journal {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const entries: Change[] = [];
  let degraded = roots.length === 0;
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    options.onWarning?.(message);
  };

  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  if (degraded) {
    markReady();
    return { ready, degraded, entriesSince: () => [], close: async () => {} };
  }

  const watcher = (options.watch ?? chokidarWatch)(roots, {
    depth: 0,
    ignoreInitial: true,
    // Renames must stay unlink + add: a merge is exactly that, and atomic would fold it into `change`.
    atomic: false,
    persistent: false,
    ignorePermissionErrors: true,
  });
  watcher.on('ready', () => markReady());
  watcher.on('all', (event: string, path: string) => {
    if (!EVENT_KINDS.has(event)) return;
    const now = Date.now();
    entries.push({ path, kind: event as ChangeKind, time: now, source: 'journal' });
    prune(now);
  });
  // A path is stat'ed after its event: a directory swapped by two quick renames still exists
  // then, so no event comes. The raw inotify name says something happened to that entry anyway.
  const rootSet = new Set(roots);
  watcher.on('raw', (event: string, name: string, details: unknown) => {
    const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
    if (event !== 'rename' || !name || !watched || !rootSet.has(watched)) return;
    const now = Date.now();
    entries.push({ path: join(watched, name), kind: 'change', time: now, source: 'journal' });
    prune(now);
  });
  watcher.on('error', (error: unknown) => {
    const code = (error as NodeJS.ErrnoException)?.code ?? 'unknown';
    if (LIMIT_CODES.has(code)) {
      degraded = true;
      markReady();
      void watcher.close().catch(() => {});
      // close() drops every listener; a late error from the dead watcher must not crash the wrapper.
      watcher.on('error', () => {});
      warnOnce(
        'limit',
        `cannot watch ${roots.join(', ')} (${code}: inotify or file-descriptor limit reached); falling back to timestamp scans. Raise fs.inotify.max_user_watches / max_user_instances to get the change journal back.`,
      );
      return;
    }
    warnOnce(code, `watcher error (${code}): ${(error as Error)?.message ?? String(error)}`);
  });

  function prune(now: number) {
    let drop = 0;
    while (drop < entries.length && entries[drop]!.time < now - maxAgeMs) drop++;
    drop = Math.max(drop, entries.length - maxEntries);
    if (drop > 0) entries.splice(0, drop);
  }

  return {
    ready,
    get degraded() {
      return degraded;
    },
    entriesSince: (sinceMs) => entries.filter((entry) => entry.time >= sinceMs),
    close: async () => {
      markReady();
      await watcher.close().catch(() => {});
    },
  };
}
