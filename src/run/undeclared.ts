import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classification } from '../classify/index.js';
import { isMetadataEntry, metadataDistribution, normalizeName } from '../watch/names.js';

const ENTRY_POINT = /^\s*[^#;[=\s][^=]*=\s*([\w.]+)/;

/**
 * Issue 15, an uninstall racing a plugin load: the build listed an entry point, an uninstall (or the
 * uninstall half of `pip install --upgrade`) removed the plugin, and the load failed. Once the tree
 * has settled the module is still missing, yet a plain rerun passes: nothing declares it any more.
 * Only for a failure inside a plugin loader (a missing dependency of the build itself is declared by
 * nobody either, and is a real error). pip's stash (`~name-1.0.dist-info`) and other staging names
 * are an installer at work, never a declaring distribution. Returns why to retry, or null.
 */
export async function removedWhileLoading(
  roots: readonly string[],
  c: Pick<Classification, 'category' | 'loader' | 'module' | 'topLevel' | 'distribution'>,
): Promise<string | null> {
  if (!c.loader || (c.category !== 'missing-module' && c.category !== 'missing-name')) return null;
  const module = c.module ?? c.topLevel;
  if (!module) return null;
  const wanted = c.distribution ? normalizeName(c.distribution) : null;
  for (const root of roots) {
    const entries = await readdir(root).catch(() => [] as string[]);
    for (const entry of entries) {
      if (!isMetadataEntry(entry) || entry.startsWith('~') || entry.startsWith('.')) continue;
      const distribution = metadataDistribution(entry);
      if (wanted && distribution && normalizeName(distribution) === wanted) return null;
      const text = await readFile(join(root, entry, 'entry_points.txt'), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        const target = ENTRY_POINT.exec(line)?.[1];
        if (target && (target === module || target.split('.')[0] === c.topLevel)) return null;
      }
    }
  }
  return `nothing installed declares an entry point in ${module} any more: it was uninstalled while the build loaded it, and a rerun will not load it`;
}
