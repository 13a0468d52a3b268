import { readFileSync, statSync } from 'node:fs';
import { isBytecode, parseRecord } from '../watch/completeness/record.js';

export interface InstalledRecord {
  installer: string | null;
  rows: Array<{ path: string; size: number | null }>;
  /** When RECORD was written: pip, uv and pypa/installer write it after every file. */
  mtimeMs: number;
}

/** A dist-info's RECORD and INSTALLER, read once for both the seals and the completeness check. */
export function readRecord(metadata: string): InstalledRecord | null {
  if (!metadata.endsWith('.dist-info')) return null;
  try {
    const path = `${metadata}/RECORD`;
    const text = readFileSync(path, 'utf8');
    const { mtimeMs } = statSync(path);
    let installer: string | null = null;
    try {
      installer = readFileSync(`${metadata}/INSTALLER`, 'utf8').trim() || null;
    } catch {}
    return { installer, rows: parseRecord(text).filter((row) => !isBytecode(row.path)), mtimeMs };
  } catch {
    return null;
  }
}

export interface Seals {
  /** Root-relative directory → the oldest RECORD written by an installer among those with files in it. */
  times: Map<string, number>;
  /** Root-relative directory → its subdirectories that some RECORD names. */
  children: Map<string, Set<string>>;
}

/**
 * A directory untouched since the oldest RECORD of the installs that put files in it still holds
 * every file those RECORDs list (a removal or rename bumps its mtime), and no later installer left
 * anything there: the walk may stat it instead of listing it. Only RECORDs an installer wrote count
 * (INSTALLER present), since only those come after the files.
 */
export function sealsOf(records: ReadonlyArray<InstalledRecord | null>): Seals {
  const times = new Map<string, number>();
  const children = new Map<string, Set<string>>();
  for (const record of records) {
    if (!record?.installer) continue;
    const seen = new Set<string>();
    for (const { path } of record.rows) {
      if (path.startsWith('/') || path.includes('..') || path.includes('\\')) continue;
      // Rows come grouped by directory: each directory's chain is recorded once per RECORD.
      const last = path.lastIndexOf('/');
      if (last <= 0 || seen.has(path.slice(0, last))) continue;
      seen.add(path.slice(0, last));
      let parent = '';
      for (let end = path.indexOf('/'); end > 0; end = path.indexOf('/', end + 1)) {
        const dir = path.slice(0, end);
        const known = times.get(dir);
        if (known === undefined || record.mtimeMs < known) times.set(dir, record.mtimeMs);
        if (parent) {
          const set = children.get(parent) ?? new Set<string>();
          children.set(parent, set.add(dir));
        }
        parent = dir;
      }
    }
  }
  return { times, children };
}
