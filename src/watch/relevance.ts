import { sep } from 'node:path';
import { isMetadataEntry, metadataDistribution, normalizeName, topLevelOf } from './names.js';
import { isPipStashOf, unwrapStagingName } from './staging.js';
import type { Relevance } from './types.js';

/** Decides relevance by the first path component under a root (DESIGN, decision step 2). */
export interface RelevanceMatcher {
  readonly any: boolean;
  /** Top-level module names the failure implicates (usually one). */
  readonly topLevels: string[];
  /** PEP 503 normalised distribution names whose metadata counts. */
  readonly distributions: string[];
  matchesEntry(entry: string): boolean;
  matchesPath(roots: readonly string[], path: string): boolean;
}

export function relevanceMatcher(relevance: Relevance): RelevanceMatcher {
  if (relevance === 'any') {
    return { any: true, topLevels: [], distributions: [], matchesEntry: () => true, matchesPath: () => true };
  }
  const topLevel = relevance.topLevel ?? (relevance.module ? topLevelOf(relevance.module) : null);
  const topLevels = topLevel ? [topLevel] : [];
  const distributions = [
    ...new Set([relevance.distribution, topLevel].filter(Boolean).map((n) => normalizeName(n!))),
  ];
  const files = relevance.files ?? [];

  const isModuleEntry = (name: string): boolean =>
    topLevels.some(
      (t) =>
        name === t ||
        name === `${t}.py` ||
        (name.startsWith(`${t}.`) && (name.endsWith('.so') || name.endsWith('.pyd'))),
    );
  const isOwnMetadata = (name: string): boolean => {
    if (!isMetadataEntry(name)) return false;
    const dist = metadataDistribution(name);
    return dist !== null && distributions.includes(normalizeName(dist));
  };
  // Every relevant name contains one of these once case and separators are dropped; checking that
  // first keeps a scan of thousands of top-level entries to one cheap test per entry.
  const needles = [...topLevels.map(squash), ...distributions.map(squash)].filter(Boolean);
  const matchesEntry = (entry: string): boolean => {
    if (!entry.startsWith('~') && !entry.endsWith('.pth')) {
      const squashed = squash(entry);
      if (!needles.some((needle) => squashed.includes(needle))) return false;
    }
    const name = unwrapStagingName(entry);
    if (name.endsWith('.pth') || isModuleEntry(name) || isOwnMetadata(name)) return true;
    return (
      entry.startsWith('~') && topLevels.some((t) => isPipStashOf(entry, t) || isPipStashOf(entry, `${t}.py`))
    );
  };
  const matchesPath = (roots: readonly string[], path: string): boolean => {
    if (files.some((file) => path === file || path.startsWith(file + sep))) return true;
    const entry = firstComponentUnder(roots, path);
    return entry !== null && matchesEntry(entry);
  };
  return { any: false, topLevels, distributions, matchesEntry, matchesPath };
}

function squash(name: string): string {
  return name.replace(/[-_.]/g, '').toLowerCase();
}

/** `site-packages/pbr/version.py` → `pbr`; null when the path is a root itself or outside every root. */
export function firstComponentUnder(roots: readonly string[], path: string): string | null {
  for (const root of roots) {
    const prefix = root.endsWith(sep) ? root : root + sep;
    if (path.startsWith(prefix)) return path.slice(prefix.length).split(sep)[0] || null;
  }
  return null;
}
