import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** A RECORD row: path, hash, size. Paths may be quoted when they hold commas. */
export function parseRecord(text: string): Array<{ path: string; size: number | null }> {
  const rows: Array<{ path: string; size: number | null }> = [];
  eachRecordRow(text, (path, size) => rows.push({ path, size }));
  return rows;
}

/**
 * The rows of parseRecord, handed over one at a time: `audit` goes over every RECORD of a
 * site-packages (100,000 rows), where rows kept in arrays would outlive the young generation and
 * cost the garbage collector more than the parse. Lines and fields are cut by index, not by regex
 * and split, into the same fields as `text.split(/\r?\n/)` and `line.split(',')` give.
 */
export function eachRecordRow(text: string, visit: (path: string, size: number | null) => void): void {
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline < 0 ? text.length : newline;
    const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : lineEnd;
    const line = text.slice(start, end);
    start = lineEnd + 1;
    // A line starting with printable ASCII is not blank; only the others need trim() to tell.
    const first = line.charCodeAt(0);
    if (line.length === 0 || ((first <= 32 || first >= 127) && !line.trim())) continue;
    if (line.includes('"')) {
      const fields = splitCsv(line);
      visit(fields[0]!, sizeOf(fields[2]));
      continue;
    }
    const comma = line.indexOf(',');
    const second = comma < 0 ? -1 : line.indexOf(',', comma + 1);
    const third = second < 0 ? -1 : line.indexOf(',', second + 1);
    visit(
      comma < 0 ? line : line.slice(0, comma),
      second < 0 ? null : sizeOf(line.slice(second + 1, third < 0 ? line.length : third)),
    );
  }
}

function sizeOf(field: string | undefined): number | null {
  const size = field ? Number(field) : null;
  return Number.isFinite(size) ? size : null;
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
  return (
    path.endsWith('.pyc') || path.endsWith('.pyo') || (path.includes('__pycache__') && PYCACHE.test(path))
  );
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
