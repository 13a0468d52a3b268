import { statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { missingFromDeclared } from '../watch/completeness/declared.js';
import { metadataDistribution } from '../watch/names.js';
import { readSmallText } from './read-file.js';
import { eachRow, type InstalledRecord } from './records.js';
import type { Present } from './walk.js';

export interface IncompleteDistribution {
  root: string;
  metadata: string;
  distribution: string;
  installer: string | null;
  /** Root-relative paths that are absent, or `path (N of M bytes)` when short or long. */
  missing: string[];
  /** No RECORD: only what top_level.txt, entry_points.txt and installed-files.txt declare was checked. */
  declaredOnly: boolean;
}

/**
 * Completeness of one installed distribution (DESIGN, decision step 4, asked of every one): RECORD
 * rows are looked up in the walk's set of present paths, at no cost; with `sizes`, each present file
 * costs a stat to compare its size (a short file is a half-written one). Without RECORD, the
 * declared files of src/watch/completeness.
 */
export async function checkDistribution(
  root: string,
  metadata: string,
  record: InstalledRecord | null,
  present: Present,
  sizes: boolean,
): Promise<IncompleteDistribution | null> {
  const entry = basename(metadata);
  const installer = record ? record.installer : readSmallText(`${metadata}/INSTALLER`)?.trim() || null;
  let missing: string[];
  if (record !== null && installer !== null) missing = missingFromRecordRows(root, record, present, sizes);
  else if (record !== null) {
    // No INSTALLER: a distribution packager copied the wheel's RECORD, which describes the wheel,
    // not the install (Debian strips extensions and moves scripts). Its Python files still count.
    missing = await missingFromDeclared(root, metadata);
    for (const path of missingFromRecordRows(root, record, present, false))
      if (path.endsWith('.py') && !missing.includes(path)) missing.push(path);
  } else {
    missing = await missingFromDeclared(root, metadata);
    // pip, uv and pypa/installer write RECORD last: without it and with something missing, the
    // installer died before finishing (Debian and Gentoo may strip RECORD from a whole install).
    const wheelInstaller = installer === 'pip' || installer === 'uv';
    if (entry.endsWith('.dist-info') && (wheelInstaller || missing.length > 0))
      missing.unshift(`${entry}/RECORD`);
  }
  if (missing.length === 0) return null;
  // Read only now: top_level.txt can take findings away, never add one.
  missing = withoutOddTopLevels(missing, readSmallText(`${metadata}/top_level.txt`));
  if (missing.length === 0) return null;
  return {
    root,
    metadata,
    distribution: metadataDistribution(entry) ?? entry,
    installer,
    missing,
    declaredOnly: record === null || installer === null,
  };
}

const ODD_PATH = /(?:^|\/)\.\.?(?:\/|$)|\/\/|\\/;

function missingFromRecordRows(
  root: string,
  record: InstalledRecord,
  present: Present,
  sizes: boolean,
): string[] {
  const missing: string[] = [];
  eachRow(
    record,
    (path, size) => {
      // Most rows are plain `pkg/mod.py`, looked up in the walk as they are. The rest (outside the root,
      // a temp-looking name the walk set aside, a size to compare) go to the file system.
      const plain = !isAbsolute(path) && !ODD_PATH.test(path);
      if (plain && present.has(path) && (size === null || !sizes)) return;
      const full = plain ? `${root}/${path}` : isAbsolute(path) ? path : resolve(root, path);
      const shown = plain ? path : isAbsolute(path) ? path : relative(root, full);
      const stats = statSync(full, { throwIfNoEntry: false });
      if (!stats) missing.push(shown);
      // Short is half-written; longer is a local edit (a CA bundle with the site's own certificates).
      else if (sizes && size !== null && stats.isFile() && stats.size < size)
        missing.push(`${shown} (${stats.size} of ${size} bytes)`);
    },
    sizes,
  );
  return missing;
}

/**
 * top_level.txt often names what is not importable (Debian's setuptools lists `debian`): a missing
 * name counts only when none of the listed names is there, i.e. the code never arrived at all.
 */
function withoutOddTopLevels(missing: string[], topLevelText: string | null): string[] {
  const names = (topLevelText ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const absent = names.filter((name) => missing.includes(name));
  if (absent.length === 0 || absent.length === names.length) return missing;
  return missing.filter((path) => !absent.includes(path));
}
