import { type Dirent, lstatSync, readdirSync, type Stats } from 'node:fs';
import type { StagingEntry } from '../watch/detectors/context.js';
import { detectors, MAYBE_STAGING } from '../watch/detectors/index.js';
import { isMetadataEntry } from '../watch/names.js';
import type { Seals } from './records.js';

/** pip's own temp directories (`pip-unpack-…`, `pip-target-…`) when they end up under a root. */
export const PIP_TEMP =
  /^pip-(?:unpack|target|install|req-build|build-env|ephem-wheel-cache|wheel)-[a-z0-9_]{8}$/;

export interface RootMetadata {
  root: string;
  /** Top-level `*.dist-info` / `*.egg-info` directories (not `~` stashes or hidden names). */
  metadata: string[];
}

/** The distributions' metadata directories of each root: one readdir per root. */
export function listMetadata(roots: readonly string[]): RootMetadata[] {
  return roots.map((root) => {
    let names: string[];
    try {
      names = readdirSync(root);
    } catch {
      names = [];
    }
    const metadata = names
      .filter((name) => isMetadataEntry(name) && !claimsLeftover(name, true) && !name.startsWith('.'))
      .map((name) => `${root}/${name}`);
    return { root, metadata };
  });
}

export function claimsLeftover(name: string, isDirectory: boolean): boolean {
  if (isDirectory && PIP_TEMP.test(name)) return true;
  return (
    MAYBE_STAGING.test(name) && detectors.some((detector) => detector.claims?.(name, isDirectory) ?? false)
  );
}

/** Whether a root-relative path is there, as far as the walk can tell without asking again. */
export interface Present {
  has(path: string): boolean;
}

export interface Walk {
  /** One per root, in the order of `roots`; `__pycache__` and leftovers' insides are not looked at. */
  present: Present[];
  /** Entries some installer's temp naming claims, with their lstat. */
  candidates: StagingEntry[];
  /** The lstat of each top-level metadata directory the seals had the walk look at, by full path. */
  metadataStats: Map<string, Stats>;
}

/**
 * One synchronous walk of every root, whole depth: the presence of every installed file (for
 * RECORD) and every installer temp name (leftovers) come from the same readdir calls, which on a
 * 100k-file tree are the audit's whole cost. A directory sealed by the RECORDs (see `sealsOf`) costs
 * one lstat instead of a listing. Synchronous on purpose: a promise per entry costs more than the
 * system call it waits for.
 */
export function walkRoots(roots: readonly string[], seals: readonly Seals[]): Walk {
  const candidates: StagingEntry[] = [];
  const metadataStats = new Map<string, Stats>();
  const present = roots.map((root, index) => {
    const listed = new Set<string>();
    const sealed = new Set<string>();
    const { times, children } = seals[index] ?? { times: new Map(), children: new Map() };
    const visit = (relative: string) => {
      const dir = relative ? `${root}/${relative}` : root;
      const sealTime = relative ? times.get(relative) : undefined;
      if (sealTime !== undefined) {
        const stats = lstatSync(dir, { throwIfNoEntry: false });
        if (!stats?.isDirectory()) return;
        if (!relative.includes('/') && isMetadataEntry(relative)) metadataStats.set(dir, stats);
        if (stats.mtimeMs <= sealTime) {
          sealed.add(relative);
          for (const child of children.get(relative) ?? []) visit(child);
          return;
        }
      }
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        const isDirectory = entry.isDirectory();
        if (claimsLeftover(entry.name, isDirectory)) {
          const full = `${root}/${path}`;
          const stats = lstatSync(full, { throwIfNoEntry: false });
          if (stats) candidates.push({ path: full, name: entry.name, stats });
          continue;
        }
        listed.add(path);
        if (isDirectory && entry.name !== '__pycache__') visit(path);
      }
    };
    visit('');
    // RECORD rows come grouped by directory: the last directory's answer is kept, so a row in a
    // sealed directory costs a prefix comparison, not a slice and a hash.
    let lastDir = '';
    let lastSealed = false;
    return {
      has: (path: string) => {
        const slash = path.lastIndexOf('/');
        if (slash > 0) {
          if (slash !== lastDir.length || !path.startsWith(lastDir)) {
            lastDir = path.slice(0, slash);
            lastSealed = sealed.has(lastDir);
          }
          if (lastSealed) return true;
        }
        return listed.has(path);
      },
    };
  });
  return { present, candidates, metadataStats };
}
