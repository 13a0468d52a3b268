import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** A RECORD row: path, hash, size. Paths may be quoted when they hold commas. */
export function parseRecord(text: string): Array<{ path: string; size: number | null }> {
  const rows: Array<{ path: string; size: number | null }> = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields = splitCsv(line);
    const size = fields[2] ? Number(fields[2]) : null;
    rows.push({ path: fields[0]!, size: Number.isFinite(size) ? size : null });
  }
  return rows;
}

function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Bytecode is written after RECORD by some installers and regenerated at will: never required. */
export function isBytecode(path: string): boolean {
  return path.endsWith('.pyc') || path.endsWith('.pyo') || PYCACHE.test(path);
}

const PYCACHE = /(?:^|[\\/])__pycache__(?:[\\/]|$)/;

/**
 * Every file RECORD lists must exist with the recorded size. Returns root-relative paths, a
 * wrong size noted as `path (N of M bytes)` so the report says which file is short.
 */
export async function missingFromRecord(root: string, recordText: string): Promise<string[]> {
  const rows = parseRecord(recordText).filter((row) => !isBytecode(row.path));
  const missing = await Promise.all(
    rows.map(async ({ path, size }) => {
      const full = isAbsolute(path) ? path : resolve(root, path);
      const shown = isAbsolute(path) ? path : relative(root, full);
      const stats = await stat(full).catch(() => null);
      if (!stats) return shown;
      if (size !== null && stats.isFile() && stats.size !== size)
        return `${shown} (${stats.size} of ${size} bytes)`;
      return null;
    }),
  );
  return missing.filter((entry) => entry !== null);
}
