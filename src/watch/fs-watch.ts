import { EventEmitter } from 'node:events';
import { type FSWatcher as NodeWatcher, watch } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { WatchFactory } from './journal.js';

/**
 * The same shallow journal straight from `fs.watch`: one inotify watch per root and no initial
 * stat, so it is ready after one readdir per root. chokidar at depth 0 stats every top-level entry first (about a
 * second of CPU on 4,000 entries, see bench/monitor.js). Events carry chokidar's names so the journal
 * is the same either way; a removal is `unlinkDir` when the name was last seen as a directory.
 */
export const fsWatchFactory: WatchFactory = (paths) => {
  const emitter = new EventEmitter() as EventEmitter & { close(): Promise<void> };
  const watchers: NodeWatcher[] = [];
  const directories = new Set<string>();
  const listings: Promise<void>[] = [];
  for (const root of paths) {
    let watcher: NodeWatcher;
    try {
      watcher = watch(root, { persistent: false }, (event, name) => {
        if (!name) return;
        const path = join(root, name.toString());
        emitter.emit('raw', event, name.toString(), { watchedPath: root });
        if (event === 'change') emitter.emit('all', 'change', path);
        else void classifyRename(path);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      queueMicrotask(() => emitter.emit('error', error));
      continue;
    }
    watcher.on('error', (error) => emitter.emit('error', error));
    watchers.push(watcher);
    // Directory names only (no stat): enough to tell `unlinkDir` from `unlink` later.
    const listing = readdir(root, { withFileTypes: true }).then(
      (entries) => {
        for (const entry of entries) if (entry.isDirectory()) directories.add(join(root, entry.name));
      },
      () => {},
    );
    listings.push(listing);
  }
  const classifyRename = async (path: string) => {
    const stats = await lstat(path).catch(() => null);
    if (stats?.isDirectory()) directories.add(path);
    if (stats) emitter.emit('all', stats.isDirectory() ? 'addDir' : 'add', path);
    else emitter.emit('all', directories.delete(path) ? 'unlinkDir' : 'unlink', path);
  };
  void Promise.all(listings).then(() => emitter.emit('ready'));
  emitter.close = async () => {
    for (const watcher of watchers) watcher.close();
    emitter.removeAllListeners();
  };
  return emitter as unknown as FSWatcher;
};
