import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

// The on-disk protocol of DESIGN.md: the monitor recognises exactly these names, so they are fixed.
export const MERGE_MARKER_DIR = '.plugin-settle-merge';
export const MERGE_OWNER_FILE = 'owner.json';
export const BUILD_MARKERS_DIR = '.plugin-settle-builds';
export const STAGED_FILE_PREFIX = '.plugin-settle-new.';
export const STAGE_DIR_PREFIX = '.plugin-settle-stage.';
export const JOURNAL_PREFIX = '.plugin-settle-journal.';

export function stagedFileName(id: string, name: string): string {
  return `${STAGED_FILE_PREFIX}${id}.${name}`;
}

export function stageDirName(id: string): string {
  return `${STAGE_DIR_PREFIX}${id}`;
}

export function journalName(id: string): string {
  return `${JOURNAL_PREFIX}${id}.json`;
}

/** The staging path, relative to the root, of a file that will land at `target` (relative to the root). */
export function stagedPathFor(id: string, target: string): string {
  const parent = dirname(target);
  const name = stagedFileName(id, basename(target));
  return parent === '.' ? name : join(parent, name);
}

/** True for every name `merge` creates and removes again: what `--recover` and the monitor look for. */
export function isStagingName(name: string): boolean {
  return (
    name.startsWith(STAGED_FILE_PREFIX) ||
    name.startsWith(STAGE_DIR_PREFIX) ||
    name.startsWith(JOURNAL_PREFIX)
  );
}

// Entry points live in metadata; it must never become visible before the code it names.
const METADATA_SUFFIXES = ['.dist-info', '.egg-info', '.pth', '.egg-link'];

export function isMetadataPath(relativePath: string): boolean {
  const top = relativePath.split(sep)[0] ?? relativePath;
  return METADATA_SUFFIXES.some((suffix) => top.endsWith(suffix));
}

/** A path relative to a root that stays inside it: not absolute, no `..` component, not empty. */
export function isContainedRelative(relativePath: string): boolean {
  if (relativePath === '' || isAbsolute(relativePath)) return false;
  return !relativePath.split(/[\\/]/).some((part) => part === '..');
}

export function isWithin(root: string, absolutePath: string): boolean {
  const rel = relative(root, absolutePath);
  return rel === '' || isContainedRelative(rel);
}

/** PEP 503 normalisation, so `--replace Setuptools_SCM` finds `setuptools_scm-8.0.dist-info`. */
export function normalizeDistName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution name a `*.dist-info`/`*.egg-info` directory belongs to, normalised. */
export function distNameOfMetadataDir(name: string): string | undefined {
  const match = /^(.+?)(?:-[^-]*)?(?:-py\d[^-]*)?\.(?:dist-info|egg-info)$/i.exec(name);
  if (!match?.[1]) return undefined;
  return normalizeDistName(match[1]);
}
