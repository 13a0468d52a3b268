import type { Stats } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isStaleByAge } from '../liveness.js';
import { isMetadataEntry, metadataDistribution } from '../names.js';
import { relevanceMatcher } from '../relevance.js';
import type { Implicated, Incomplete } from '../types.js';
import { isRecordPending, missingFromDeclared } from './declared.js';
import { missingFromRecord } from './record.js';

export { isArriving } from './arriving.js';

export interface IncompleteWithAge extends Incomplete {
  /** Looked the same for stale-after: a leftover or an oddity (what `status` flags). */
  stale: boolean;
  /** Newest change to its metadata or the top-level entries it lacks, epoch ms. */
  changedAt: number;
}

/**
 * DESIGN, decision step 4. With an implicated distribution, its metadata is checked whatever its
 * age; without one, only metadata that changed within `staleAfterMs` (old oddities of a real
 * site-packages are not merges).
 */
export async function findIncomplete(
  roots: readonly string[],
  implicated: Implicated | undefined,
  options: { staleAfterMs: number; now?: number },
): Promise<IncompleteWithAge[]> {
  const now = options.now ?? Date.now();
  const candidates = await findMetadata(roots, implicated, options.staleAfterMs, now);
  const results = await Promise.all(
    candidates.map((metadata) => checkMetadata(metadata, options.staleAfterMs, now)),
  );
  return results.filter((result) => result !== null);
}

export async function checkMetadata(
  metadata: string,
  staleAfterMs: number,
  now = Date.now(),
): Promise<IncompleteWithAge | null> {
  const root = dirname(metadata);
  const entry = basename(metadata);
  const stats = await lstat(metadata).catch(() => null);
  if (!stats?.isDirectory()) return null;
  const record = entry.endsWith('.dist-info')
    ? await readFile(join(metadata, 'RECORD'), 'utf8').catch(() => null)
    : null;
  let missing: string[];
  if (record !== null) missing = await missingFromRecord(root, record);
  else {
    missing = await missingFromDeclared(root, metadata);
    const recent = !isStaleByAge(stats, staleAfterMs, now);
    if (entry.endsWith('.dist-info') && recent && (await isRecordPending(metadata)))
      missing.unshift(join(entry, 'RECORD'));
  }
  if (missing.length === 0) return null;
  const changedAt = await newestChange(root, stats, missing);
  return {
    distribution: metadataDistribution(entry) ?? entry,
    metadata,
    missing,
    stale: isStaleByAge({ mtimeMs: changedAt, ctimeMs: changedAt }, staleAfterMs, now),
    changedAt,
  };
}

/** Newest change among the metadata and the top-level entries it says are missing or short. */
async function newestChange(root: string, metadataStats: Stats, missing: string[]): Promise<number> {
  let newest = Math.max(metadataStats.mtimeMs, metadataStats.ctimeMs);
  const tops = new Set(missing.map((path) => path.split(/[\\/ ]/)[0]!).filter((top) => top && top !== '..'));
  for (const top of tops) {
    const stats = await lstat(join(root, top)).catch(() => null);
    if (stats) newest = Math.max(newest, stats.mtimeMs, stats.ctimeMs);
  }
  return newest;
}

async function findMetadata(
  roots: readonly string[],
  implicated: Implicated | undefined,
  staleAfterMs: number,
  now: number,
) {
  const matcher = implicated ? relevanceMatcher(implicated) : null;
  const found: string[] = [];
  await Promise.all(
    roots.map(async (root) => {
      const entries = (await readdir(root).catch(() => [] as string[])).filter(
        (entry) => isMetadataEntry(entry) && !entry.startsWith('.') && !entry.startsWith('~'),
      );
      const named = matcher ? entries.filter((entry) => matcher.matchesEntry(entry)) : [];
      found.push(...named.map((entry) => join(root, entry)));
      if (named.length > 0) return;
      // No name match (module `yaml`, distribution `PyYAML`): recent metadata claiming the module.
      for (const entry of entries) {
        const path = join(root, entry);
        const stats = await lstat(path).catch(() => null);
        if (!stats || isStaleByAge(stats, staleAfterMs, now)) continue;
        if (!matcher || (await claimsTopLevel(path, matcher.topLevels))) found.push(path);
      }
    }),
  );
  return found;
}

async function claimsTopLevel(metadata: string, topLevels: string[]): Promise<boolean> {
  if (topLevels.length === 0) return false;
  const text = await readFile(join(metadata, 'top_level.txt'), 'utf8').catch(() => '');
  return text.split('\n').some((line) => topLevels.includes(line.trim()));
}
