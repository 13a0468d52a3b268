import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eachRecordRow, isBytecode, parseRecord } from '../../../src/watch/completeness/record.js';

/** The parse as it was before it was cut by index: split lines by regex, fields by split(','). */
function reference(text: string): Array<{ path: string; size: number | null }> {
  const rows: Array<{ path: string; size: number | null }> = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields = line.includes('"') ? quoted(line) : line.split(',');
    const size = fields[2] ? Number(fields[2]) : null;
    rows.push({ path: fields[0]!, size: Number.isFinite(size) ? size : null });
  }
  return rows;
}

function quoted(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (inQuotes) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') inQuotes = false;
      else field += char;
    } else if (char === '"') inQuotes = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

// The characters that decide a RECORD line's shape, and the blanks trim() knows beyond ASCII.
const alphabet = [
  'a',
  '/',
  '.',
  ',',
  '"',
  '1',
  '2',
  ' ',
  '\t',
  '\r',
  '\n',
  '\u00a0',
  '\ufeff',
  '\u2028',
  'x',
];
const recordText = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((chars) => chars.join(''));

describe('RECORD rows', () => {
  test('are what splitting lines and fields gave, for any text', () => {
    fc.assert(
      fc.property(recordText, (text) => {
        expect(parseRecord(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  test('without sizes, the same paths and every size null', () => {
    fc.assert(
      fc.property(recordText, (text) => {
        const rows: Array<{ path: string; size: number | null }> = [];
        eachRecordRow(text, (path, size) => rows.push({ path, size }), false);
        expect(rows).toEqual(reference(text).map(({ path }) => ({ path, size: null })));
      }),
      { numRuns: 5000 },
    );
  });

  test('are handed over in order, with CRLF lines, quoted commas, hashes and blank lines', () => {
    const seen: Array<[string, number | null]> = [];
    eachRecordRow('a/b.py,sha256=x,12\r\n\r\n  \n"c,d.py",,\nlast,,\r', (path, size) =>
      seen.push([path, size]),
    );
    expect(seen).toEqual([
      ['a/b.py', 12],
      ['c,d.py', null],
      ['last', 0],
    ]);
  });

  test('bytecode is told by suffix or __pycache__ directory', () => {
    expect(['a.pyc', 'a.pyo', 'p/__pycache__/x', 'p/__pycache__x/y.py', 'p/y.py'].map(isBytecode)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
