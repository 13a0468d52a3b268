import { lstat, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { isPidAlive, thisHost } from '../liveness.js';
import type { MergeInProgress } from '../types.js';
import { byName } from './by-name.js';
import type { Detector, DetectorContext } from './context.js';

export const MARKER_DIR = '.plugin-settle-merge';

interface Owner {
  pid?: number;
  host?: string;
}

/**
 * Our own merge marker (DESIGN, protocol). Its mtime is the owner's heartbeat: stale when not
 * refreshed within stale-after, wherever the owner runs, and at once when the owner ran on this host
 * and is dead. mtime alone: a marker restored from a cache has a fresh ctime but its old mtime.
 */
export const markerDetector: Detector = {
  detect: async (context) => {
    const found = await Promise.all(context.roots.map((root) => markerAt(root, context)));
    return found.filter((merge) => merge !== null);
  },
};

async function markerAt(root: string, context: DetectorContext): Promise<MergeInProgress | null> {
  const path = join(root, MARKER_DIR);
  const stats = await lstat(path).catch(() => null);
  if (!stats?.isDirectory()) return null;
  const owner = await readOwner(path);
  const pid = typeof owner?.pid === 'number' ? owner.pid : undefined;
  const deadHere = pid !== undefined && owner?.host === thisHost() && !isPidAlive(pid);
  const stale = deadHere || context.now - stats.mtimeMs > context.staleAfterMs;
  return { kind: 'plugin-settle', path, ...(pid !== undefined ? { pid } : {}), stale };
}

const stagingNames = byName('plugin-settle', (name) => /^\.plugin-settle-(?:new|stage|journal)\./.test(name));

/**
 * `merge`'s own staging files, stage directories and crash journals. They are not refreshed while
 * their merge runs, so they are stale by age only when no live marker holds their root.
 */
export const stagingDetector: Detector = {
  claims: stagingNames.claims!,
  detect: async (context) => {
    const found = await stagingNames.detect(context);
    if (!found.some((entry) => entry.stale)) return found;
    const live = new Set<string>();
    for (const root of context.roots) if ((await markerAt(root, context))?.stale === false) live.add(root);
    return found.map((entry) =>
      entry.stale && [...live].some((root) => entry.path.startsWith(`${root}${sep}`))
        ? { ...entry, stale: false }
        : entry,
    );
  },
};

async function readOwner(markerPath: string): Promise<Owner | null> {
  try {
    return JSON.parse(await readFile(join(markerPath, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return null;
  }
}
