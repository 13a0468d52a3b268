import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { distNameOfMetadataDir, isContainedRelative, normalizeDistName } from './names.js';

export interface InstalledDistribution {
  /** Its metadata directories (or distutils egg-info files), relative to the root. */
  metadata: string[];
  /** Files it owns outside its metadata, relative to the root; only those inside the root. */
  files: string[];
  /** Why some files could not be known, for the user. */
  notes: string[];
}

// RECORD is CSV: a path with a comma is quoted. Only the first field matters.
function firstCsvField(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0] ?? '';
  const match = /^"((?:[^"]|"")*)"/.exec(line);
  return match?.[1]?.replace(/""/g, '"') ?? '';
}

function listedFiles(root: string, metadataDir: string): { files: string[]; note?: string } {
  const read = (name: string): string | undefined => {
    try {
      return readFileSync(join(root, metadataDir, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  const record = read('RECORD');
  if (record !== undefined) {
    return { files: record.split(/\r?\n/).filter(Boolean).map(firstCsvField) };
  }
  // installed-files.txt paths are relative to the egg-info directory itself.
  const installed = read('installed-files.txt');
  if (installed !== undefined) {
    const files = installed
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => join(metadataDir, line));
    return { files };
  }
  return {
    files: [],
    note: `${metadataDir} lists no files (no RECORD, no installed-files.txt): only it is removed`,
  };
}

/** What `--replace <distribution>` removes: found by the PEP 503-normalised name of its metadata. */
export function findInstalled(root: string, distribution: string): InstalledDistribution {
  const wanted = normalizeDistName(distribution);
  const metadata = readdirSync(root).filter((name) => distNameOfMetadataDir(name) === wanted);
  const files = new Set<string>();
  const notes: string[] = [];
  for (const dir of metadata) {
    if (!lstatSync(join(root, dir)).isDirectory()) continue;
    const listed = listedFiles(root, dir);
    if (listed.note) notes.push(listed.note);
    for (const file of listed.files) {
      const rel = normalize(file);
      if (!isContainedRelative(rel)) {
        notes.push(`kept ${file}: outside the root`);
        continue;
      }
      if (!rel.startsWith(`${dir}/`)) files.add(rel);
    }
  }
  return { metadata, files: [...files], notes };
}
