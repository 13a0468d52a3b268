import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isStaleByAge } from '../liveness.js';
import { lockStateOf } from '../locks.js';
import type { MergeInProgress } from '../types.js';
import type { Detector } from './context.js';
import { heldLock } from './lock-file.js';

/** Portage's vdb lock (whole dblink.merge) and fs lock (the file copy, also with parallel-install). */
const LOCK_FILES = ['var/db/.pkg.portage_lockfile', 'var/lib/portage/config'];

/**
 * `/var/db/pkg/<cat>/-MERGING-<pf>` exists from before preinst until the vdb entry is renamed into
 * place. A crashed emerge leaves it behind, so it is stale once old and no vdb lock is held.
 */
export const portageDetector: Detector = {
  detect: async (context) => {
    if (context.systemRoots.length === 0) return [];
    const vdb = join(context.portageRoot, 'var/db/pkg');
    const categories = await readdir(vdb).catch(() => [] as string[]);
    const merging: Array<{ path: string; stats: import('node:fs').Stats }> = [];
    await Promise.all(
      categories.map(async (category) => {
        const entries = await readdir(join(vdb, category)).catch(() => [] as string[]);
        for (const entry of entries.filter((name) => name.startsWith('-MERGING-'))) {
          const path = join(vdb, category, entry);
          const stats = await lstat(path).catch(() => null);
          if (stats) merging.push({ path, stats });
        }
      }),
    );
    const vdbLock = await lockStateOf(join(context.portageRoot, LOCK_FILES[0]!), context.locks);
    const found: MergeInProgress[] = merging.map(({ path, stats }) => ({
      kind: 'portage',
      path,
      stale: vdbLock.held !== true && isStaleByAge(stats, context.staleAfterMs, context.now),
    }));
    for (const file of LOCK_FILES)
      found.push(...(await heldLock('portage-lock', join(context.portageRoot, file), context)));
    return found;
  },
};
