import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

// Everything durable in one place, so `--no-fsync` is one flag and not a dozen ifs.
export interface Durability {
  readonly enabled: boolean;
  /** fsync files and directories, many at once: the dpkg-style batch before the rename burst. */
  syncAll(paths: Iterable<string>): Promise<void>;
  syncDirSync(path: string): void;
  /** Write a small file by temp name, fsync and rename, so a reader sees the old or the new content. */
  writeAtomicSync(path: string, content: string): void;
}

const BATCH_CONCURRENCY = 32;
// Below this many paths, fsyncing them is cheaper than starting `sync`.
const SYNCFS_THRESHOLD = 64;

async function syncOne(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function durability(enabled: boolean): Durability {
  const syncDirSync = (path: string): void => {
    if (!enabled) return;
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  return {
    enabled,
    async syncAll(paths) {
      if (!enabled) return;
      const queue = [...paths];
      if (queue.length === 0) return;
      // One syncfs(2) for the whole batch, the same cost as the `cp -a && sync -f` it is measured
      // against; everything staged lives on the root's filesystem. Per-path fsync when unavailable.
      if (queue.length > SYNCFS_THRESHOLD && spawnSync('sync', ['-f', queue[0] as string]).status === 0)
        return;
      const worker = async (): Promise<void> => {
        for (let path = queue.pop(); path !== undefined; path = queue.pop()) await syncOne(path);
      };
      await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, queue.length) }, worker));
    },
    syncDirSync,
    writeAtomicSync(path, content) {
      const temporary = `${path}.tmp`;
      const fd = openSync(temporary, 'w', 0o644);
      try {
        writeFileSync(fd, content);
        if (enabled) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
    },
  };
}
