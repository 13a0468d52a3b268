import { eachRecordRow, isBytecode } from '../watch/completeness/record.js';
import { readSmallText, readTextWithMtime } from './read-file.js';

export interface InstalledRecord {
  installer: string | null;
  /** RECORD's text, parsed again by each pass (eachRow): cheaper than keeping 100,000 rows alive. */
  text: string;
  /** When RECORD was written: pip, uv and pypa/installer write it after every file. */
  mtimeMs: number;
}

/** A dist-info's RECORD and INSTALLER, read once for both the seals and the completeness check. */
export function readRecord(metadata: string): InstalledRecord | null {
  if (!metadata.endsWith('.dist-info')) return null;
  const record = readTextWithMtime(`${metadata}/RECORD`);
  if (record === null) return null;
  const installer = readSmallText(`${metadata}/INSTALLER`)?.trim() || null;
  return { installer, text: record.text, mtimeMs: record.mtimeMs };
}

/**
 * The rows of a RECORD an installed distribution must have: bytecode is never required. Sizes
 * (null without `sizes`) are parsed only for the passes that compare them.
 */
export function eachRow(
  record: InstalledRecord,
  visit: (path: string, size: number | null) => void,
  sizes = true,
): void {
  eachRecordRow(
    record.text,
    (path, size) => {
      if (!isBytecode(path)) visit(path, size);
    },
    sizes,
  );
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
    let lastDir = '';
    const mtimeMs = record.mtimeMs;
    eachRow(
      record,
      (path) => {
        // Rows come grouped by directory: each directory's chain is recorded once per RECORD, and a
        // row in the directory of the row before costs a prefix comparison.
        const last = path.lastIndexOf('/');
        if (last <= 0 || (last === lastDir.length && path.startsWith(lastDir))) return;
        if (path.startsWith('/') || path.includes('..') || path.includes('\\')) return;
        lastDir = path.slice(0, last);
        if (seen.has(lastDir)) return;
        seen.add(lastDir);
        let parent = '';
        for (let end = path.indexOf('/'); end > 0; end = path.indexOf('/', end + 1)) {
          const dir = path.slice(0, end);
          const known = times.get(dir);
          if (known === undefined || mtimeMs < known) times.set(dir, mtimeMs);
          if (parent) {
            const set = children.get(parent) ?? new Set<string>();
            children.set(parent, set.add(dir));
          }
          parent = dir;
        }
      },
      false,
    );
  }
  return { times, children };
}
