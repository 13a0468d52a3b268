import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPidAlive, isStaleByAge, thisHost } from '../liveness.js';
import type { MergeInProgress } from '../types.js';
import { byName } from './by-name.js';
import type { Detector } from './context.js';

export const MARKER_DIR = '.plugin-settle-merge';

interface Owner {
  pid?: number;
  host?: string;
}

/**
 * Our own merge marker (DESIGN, protocol). Stale when its owner ran on this host and is dead; a
 * marker whose owner.json is not written yet is a merge that just began, unless it is old.
 */
export const markerDetector: Detector = {
  detect: async (context) => {
    const found = await Promise.all(
      context.roots.map(async (root): Promise<MergeInProgress | null> => {
        const path = join(root, MARKER_DIR);
        const stats = await lstat(path).catch(() => null);
        if (!stats?.isDirectory()) return null;
        const owner = await readOwner(path);
        const pid = typeof owner?.pid === 'number' ? owner.pid : undefined;
        let stale: boolean;
        if (pid !== undefined && owner?.host === thisHost()) stale = !isPidAlive(pid);
        else stale = isStaleByAge(stats, context.staleAfterMs, context.now);
        return { kind: 'plugin-settle', path, ...(pid !== undefined ? { pid } : {}), stale };
      }),
    );
    return found.filter((merge) => merge !== null);
  },
};

/** `merge`'s own staging files, stage directories and crash journals. */
export const stagingDetector = byName('plugin-settle', (name) =>
  /^\.plugin-settle-(?:new|stage|journal)\./.test(name),
);

async function readOwner(markerPath: string): Promise<Owner | null> {
  try {
    return JSON.parse(await readFile(join(markerPath, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return null;
  }
}
