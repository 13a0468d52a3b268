import { lstatSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ImageEntry } from './image.js';
import { findInstalled } from './installed.js';
import { isMetadataPath, isWithin, stageDirName, stagedPathFor } from './names.js';

/** One rename of the burst, paths relative to the root. A removal is a rename into the stage dir. */
export interface Rename {
  kind: 'put' | 'remove';
  from: string;
  to: string;
}

export interface Plan {
  id: string;
  stageDir: string;
  /** Directories absent from the root: staged whole, they appear by one rename. */
  newDirs: Array<{ entry: ImageEntry; staged: string }>;
  /** Files and symlinks going into directories that exist: staged beside their target. */
  files: Array<{ entry: ImageEntry; staged: string }>;
  renames: Rename[];
  fileCount: number;
  byteCount: number;
  notes: string[];
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function conflict(rel: string, message: string): never {
  throw new UsageError(`refusing to merge: '${rel}' ${message}; nothing was written`, 'merge-conflict');
}

// A directory in the root that is a symlink may be merged through only if it stays inside the root.
function isDirInRoot(rootReal: string, rel: string, stats: Stats): boolean {
  if (stats.isDirectory()) return true;
  if (!stats.isSymbolicLink()) return false;
  let real: string;
  try {
    real = realpathSync(join(rootReal, rel));
  } catch {
    return conflict(rel, 'is a dangling symlink in the root where the image has a directory');
  }
  if (!isWithin(rootReal, real))
    conflict(rel, `is a symlink in the root to ${real}, outside it; never followed`);
  if (!lstatSync(real).isDirectory()) conflict(rel, 'is a symlink in the root to a non-directory');
  return true;
}

/** Everything under `rel` in the root is removable: listed as owned, or byte-code beside it. */
function allRemovable(
  rootReal: string,
  rel: string,
  owned: Set<string>,
  memo: Map<string, boolean>,
): boolean {
  const known = memo.get(rel);
  if (known !== undefined) return known;
  const result = everyChildRemovable(rootReal, rel, owned, memo);
  memo.set(rel, result);
  return result;
}

function everyChildRemovable(rootReal: string, rel: string, owned: Set<string>, memo: Map<string, boolean>) {
  for (const name of readdirSync(join(rootReal, rel))) {
    const child = join(rel, name);
    const stats = lstatSync(join(rootReal, child));
    if (stats.isDirectory()) {
      if (!(name === '__pycache__' || allRemovable(rootReal, child, owned, memo))) return false;
    } else if (!owned.has(child)) return false;
  }
  return true;
}

function planRemovals(rootReal: string, replace: string, image: Map<string, ImageEntry>, notes: string[]) {
  const installed = findInstalled(rootReal, replace);
  notes.push(...installed.notes);
  const units = new Set<string>();
  for (const meta of installed.metadata) {
    const inImage = image.get(meta);
    if (!inImage) units.add(meta);
    else if (inImage.kind === 'dir') {
      for (const name of readdirSync(join(rootReal, meta))) {
        if (!image.has(join(meta, name))) units.add(join(meta, name));
      }
    }
  }
  const owned = new Set(
    installed.files.filter((rel) => !image.has(rel) && lstatOrUndefined(join(rootReal, rel))),
  );
  const memo = new Map<string, boolean>();
  for (const rel of owned) {
    // The highest ancestor that the new version drops and that holds nothing but owned files goes whole.
    const parts = rel.split('/');
    let unit = rel;
    for (let depth = 1; depth < parts.length; depth++) {
      const ancestor = parts.slice(0, depth).join('/');
      if (image.has(ancestor)) continue;
      if (allRemovable(rootReal, ancestor, owned, memo)) {
        unit = ancestor;
        break;
      }
    }
    units.add(unit);
  }
  // A unit inside another unit leaves with it.
  return [...units].filter((unit) => ![...units].some((other) => unit.startsWith(`${other}/`)));
}

export function planMerge(entries: ImageEntry[], rootReal: string, id: string, replace?: string): Plan {
  const image = new Map(entries.map((entry) => [entry.rel, entry]));
  const stageDir = stageDirName(id);
  const plan: Plan = {
    id,
    stageDir,
    newDirs: [],
    files: [],
    renames: [],
    fileCount: 0,
    byteCount: 0,
    notes: [],
  };
  const insideNewDir = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'dir') {
      plan.fileCount++;
      plan.byteCount += entry.size;
    }
    const parent = dirname(entry.rel);
    if (insideNewDir.has(parent)) {
      if (entry.kind === 'dir') insideNewDir.add(entry.rel);
      continue;
    }
    const existing = lstatOrUndefined(join(rootReal, entry.rel));
    if (entry.kind === 'dir') {
      if (!existing) {
        insideNewDir.add(entry.rel);
        plan.newDirs.push({ entry, staged: join(stageDir, `d${plan.newDirs.length}`) });
      } else if (!isDirInRoot(rootReal, entry.rel, existing)) {
        conflict(entry.rel, 'is a file in the root where the image has a directory');
      }
    } else {
      if (existing?.isDirectory())
        conflict(entry.rel, 'is a directory in the root where the image has a file');
      plan.files.push({ entry, staged: stagedPathFor(id, entry.rel) });
    }
  }
  const removals = replace ? planRemovals(rootReal, replace, image, plan.notes) : [];
  const puts: Rename[] = [
    ...plan.newDirs.map(({ entry, staged }) => ({ kind: 'put' as const, from: staged, to: entry.rel })),
    ...plan.files.map(({ entry, staged }) => ({ kind: 'put' as const, from: staged, to: entry.rel })),
  ];
  const removes: Rename[] = removals.map((rel, n) => ({
    kind: 'remove',
    from: rel,
    to: join(stageDir, `old${n}`),
  }));
  // Old entry points vanish first, new code lands, old code leaves, and only then new metadata appears;
  // `.pth` files last of all, since they change sys.path itself.
  const metadataRank = (rename: Rename): number => (basename(rename.to).endsWith('.pth') ? 2 : 1);
  const newMetadata = puts
    .filter((r) => isMetadataPath(r.to))
    .sort((a, b) => metadataRank(a) - metadataRank(b));
  plan.renames = [
    ...removes.filter((r) => isMetadataPath(r.from)),
    ...puts.filter((r) => !isMetadataPath(r.to)),
    ...removes.filter((r) => !isMetadataPath(r.from)),
    ...newMetadata,
  ];
  return plan;
}
