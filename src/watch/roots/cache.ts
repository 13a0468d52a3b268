import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CachedRoots {
  python: string;
  /** Hash of the probe script: a new probe must not trust answers of an old one. */
  probe: string;
  mtimeMs: number;
  paths: string[];
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'plugin-settle');
}

function cacheFile(cacheDir: string, python: string): string {
  return join(cacheDir, `roots-${createHash('sha256').update(python).digest('hex').slice(0, 16)}.json`);
}

/** Valid only for the same interpreter file at the same mtime: a reinstall or upgrade changes it. */
export async function readCachedRoots(
  cacheDir: string,
  key: Omit<CachedRoots, 'paths'>,
): Promise<string[] | null> {
  try {
    const cached = JSON.parse(await readFile(cacheFile(cacheDir, key.python), 'utf8')) as CachedRoots;
    const same = cached.python === key.python && cached.mtimeMs === key.mtimeMs && cached.probe === key.probe;
    return same && Array.isArray(cached.paths) ? cached.paths : null;
  } catch {
    return null;
  }
}

/** Best effort and atomic: a cache that cannot be written costs one interpreter start next time. */
export async function writeCachedRoots(cacheDir: string, entry: CachedRoots): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
    const file = cacheFile(cacheDir, entry.python);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, file);
  } catch {
    // A read-only home is fine.
  }
}
