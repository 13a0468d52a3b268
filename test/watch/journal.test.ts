import { EventEmitter } from 'node:events';
import type { FSWatcher } from 'chokidar';
import { describe, expect, test } from 'vitest';
import { startJournal } from '../../src/watch/journal.js';

function fakeWatcher() {
  const emitter = new EventEmitter() as EventEmitter & { closed: boolean; close(): Promise<void> };
  emitter.closed = false;
  emitter.close = async () => {
    emitter.closed = true;
  };
  return emitter;
}

describe('startJournal', () => {
  test('watches shallow, keeps renames as unlink + add, and records events with their time', async () => {
    const watcher = fakeWatcher();
    let seenOptions: Record<string, unknown> = {};
    const journal = startJournal(['/sp'], {
      watch: (_paths, options) => {
        seenOptions = options as Record<string, unknown>;
        return watcher as unknown as FSWatcher;
      },
    });
    expect(seenOptions).toMatchObject({ depth: 0, atomic: false, ignoreInitial: true });
    const before = Date.now();
    watcher.emit('all', 'unlinkDir', '/sp/pbr');
    watcher.emit('all', 'addDir', '/sp/pbr');
    watcher.emit('all', 'raw', '/sp/ignored');
    expect(journal.entriesSince(before).map((e) => [e.kind, e.path, e.source])).toEqual([
      ['unlinkDir', '/sp/pbr', 'journal'],
      ['addDir', '/sp/pbr', 'journal'],
    ]);
    expect(journal.entriesSince(Date.now() + 1)).toEqual([]);
    watcher.emit('ready');
    await journal.ready;
  });

  test('is bounded in count', () => {
    const watcher = fakeWatcher();
    const journal = startJournal(['/sp'], { maxEntries: 3, watch: () => watcher as unknown as FSWatcher });
    for (let i = 0; i < 10; i++) watcher.emit('all', 'add', `/sp/f${i}`);
    expect(journal.entriesSince(0).map((e) => e.path)).toEqual(['/sp/f7', '/sp/f8', '/sp/f9']);
  });

  test('falls back to timestamp scans on ENOSPC and says so once', async () => {
    const watcher = fakeWatcher();
    const warnings: string[] = [];
    const journal = startJournal(['/sp'], {
      onWarning: (message) => warnings.push(message),
      watch: () => watcher as unknown as FSWatcher,
    });
    const error = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), {
      code: 'ENOSPC',
    });
    watcher.emit('error', error);
    watcher.emit('error', error);
    await journal.ready;
    expect(journal.degraded).toBe(true);
    expect(watcher.closed).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ENOSPC.*falling back to timestamp scans.*max_user_watches/);
  });
});
