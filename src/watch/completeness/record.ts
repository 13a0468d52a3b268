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
 * cost the garbage collector more than the parse. Fields are cut from the text by index, not by
 * regex and split, into the same fields as `text.split(/\r?\n/)` and `line.split(',')` give (or
 * the quoted parse, for a line with a quote). Without `sizes`, every size is null.
 */
export function eachRecordRow(
  text: string,
  visit: (path: string, size: number | null) => void,
  sizes = true,
): void {
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline < 0 ? text.length : newline;
    const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : lineEnd;
    const from = start;
    start = lineEnd + 1;
    // A line starting with printable ASCII is not blank; only the others need trim() to tell.
    const first = text.charCodeAt(from);
    if (end === from || ((first <= 32 || first >= 127) && !text.slice(from, end).trim())) continue;
    let comma = text.indexOf(',', from);
    if (comma < 0 || comma > end) comma = end;
    // The path ends at the first comma unless a quote comes before it; a size after a quote is parsed
    // as CSV too.
    const quoted = hasQuote(text, from, comma) || (sizes && hasQuote(text, comma, end));
    if (quoted) {
      const fields = splitCsv(text.slice(from, end));
      visit(fields[0]!, sizes ? sizeOf(fields[2]) : null);
      continue;
    }
    const path = text.slice(from, comma);
    if (!sizes || comma === end) {
      visit(path, null);
      continue;
    }
    let second = text.indexOf(',', comma + 1);
    if (second < 0 || second > end) second = end;
    let third = second === end ? end : text.indexOf(',', second + 1);
    if (third < 0 || third > end) third = end;
    visit(path, second === end ? null : sizeOf(text.slice(second + 1, third)));
  }
}

/** Whether text[from, to) holds a quote: a bounded scan (indexOf and lastIndexOf run to the text's ends). */
function hasQuote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 34) return true;
  return false;
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
