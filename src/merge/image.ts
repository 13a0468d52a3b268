import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { isContainedRelative, isStagingName, isWithin } from './names.js';

export interface ImageEntry {
  /** Path relative to the image, which is also its path relative to the root. */
  rel: string;
  kind: 'file' | 'dir' | 'symlink';
  mode: number;
  size: number;
  atimeMs: number;
  mtimeMs: number;
  linkTarget?: string;
}

function refuse(message: string): never {
  throw new UsageError(`refusing to merge: ${message}; nothing was written`, 'unsafe-image');
}

function entryOf(image: string, rel: string, rootReal: string): ImageEntry {
  if (!isContainedRelative(rel)) refuse(`the image path '${rel}' is absolute or contains '..'`);
  const stats = lstatSync(join(image, rel));
  const base = { rel, mode: stats.mode & 0o7777, size: 0, atimeMs: stats.atimeMs, mtimeMs: stats.mtimeMs };
  if (stats.isDirectory()) return { ...base, kind: 'dir' };
  if (stats.isFile()) return { ...base, kind: 'file', size: stats.size };
  if (stats.isSymbolicLink()) {
    const linkTarget = readlinkSync(join(image, rel));
    // Judged where the link will live, lexically: the root's own symlinks are the root's business.
    if (!isWithin(rootReal, resolve(rootReal, dirname(rel), linkTarget))) {
      refuse(`the symlink '${rel}' -> '${linkTarget}' resolves outside the root; make it point inside`);
    }
    return { ...base, kind: 'symlink', size: Buffer.byteLength(linkTarget), linkTarget };
  }
  const what = stats.isFIFO() ? 'a fifo' : stats.isSocket() ? 'a socket' : 'a device file';
  return refuse(`the image holds ${what} at '${rel}'; remove it from the image`);
}

/**
 * Node's string paths cannot carry a name that is not UTF-8 (it comes back with U+FFFD and names
 * another file), and the journal is JSON text: such a name is refused before the root is touched.
 * Wheels and RECORD files name files in UTF-8, so a Python package never needs one.
 */
function textNames(image: string, dirRel: string): string[] {
  return readdirSync(join(image, dirRel), { encoding: 'buffer' }).map((raw) => {
    const name = raw.toString('utf8');
    if (!Buffer.from(name, 'utf8').equals(raw)) {
      const shown = join(dirRel, [...raw].map(printable).join(''));
      refuse(`the image holds a file name that is not UTF-8, '${shown}'; rename it to UTF-8 in the image`);
    }
    return name;
  });
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f && byte !== 0x5c
    ? String.fromCharCode(byte)
    : `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** Every entry of the image, parents before children, after the safety checks of issue 6. */
export function readImage(image: string, rootReal: string): ImageEntry[] {
  let top: ReturnType<typeof lstatSync>;
  try {
    top = lstatSync(image);
  } catch {
    return refuse(`the image '${image}' does not exist; pass the directory to merge`);
  }
  if (!top.isDirectory()) refuse(`the image '${image}' is not a directory; pass the directory to merge`);
  const entries: ImageEntry[] = [];
  const walk = (dirRel: string): void => {
    for (const name of textNames(image, dirRel).sort()) {
      if (isStagingName(name)) refuse(`the image holds plugin-settle's own staging name '${name}'`);
      const entry = entryOf(image, dirRel === '' ? name : join(dirRel, name), rootReal);
      entries.push(entry);
      if (entry.kind === 'dir') walk(entry.rel);
    }
  };
  walk('');
  return entries;
}
