import { vol } from 'memfs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eachRow, type InstalledRecord, readRecord, sealsOf } from '../../src/audit/records.js';

vi.mock('node:fs', async () => {
  const { fs } = await import('memfs');
  return { ...fs, default: fs };
});

const SP = '/sp';
const record = (text: string, mtimeMs: number, installer: string | null = 'pip'): InstalledRecord => ({
  installer,
  text,
  mtimeMs,
});

beforeEach(() => vol.reset());

describe('readRecord', () => {
  it('reads RECORD (also one larger than the read buffer), its mtime and INSTALLER; no RECORD, no record', () => {
    const big = Array.from({ length: 4000 }, (_, i) => `pkg/mod${i}.py,sha256=${'x'.repeat(40)},${i}`).join(
      '\n',
    );
    vol.fromJSON({
      [`${SP}/a-1.dist-info/RECORD`]: 'a/__init__.py,,3\n',
      [`${SP}/a-1.dist-info/INSTALLER`]: ' uv \n',
      [`${SP}/b-1.dist-info/RECORD`]: big,
      [`${SP}/c-1.dist-info/METADATA`]: '',
      [`${SP}/d-1.dist-info/RECORD/x`]: '',
    });
    const a = readRecord(`${SP}/a-1.dist-info`);
    expect(a).toMatchObject({ installer: 'uv', text: 'a/__init__.py,,3\n' });
    expect(a!.mtimeMs).toBe(vol.statSync(`${SP}/a-1.dist-info/RECORD`).mtimeMs);
    expect(readRecord(`${SP}/b-1.dist-info`)).toMatchObject({ installer: null, text: big });
    expect(readRecord(`${SP}/c-1.dist-info`)).toBeNull();
    expect(readRecord(`${SP}/d-1.dist-info`)).toBeNull();
    expect(readRecord(`${SP}/a-1.egg-info`)).toBeNull();
  });
});

describe('eachRow', () => {
  it('leaves bytecode out', () => {
    const rows: string[] = [];
    eachRow(record('a/x.py,,1\na/__pycache__/x.cpython-311.pyc,,\na/y.pyc,,\n', 1), (path) =>
      rows.push(path),
    );
    expect(rows).toEqual(['a/x.py']);
  });
});

describe('sealsOf', () => {
  it('each directory a RECORD names has the oldest of their times, and its named subdirectories', () => {
    const seals = sealsOf([
      record('p/__init__.py,,\np/sub/a.py,,\np/sub/b.py,,\np/x.py,,\np-1.dist-info/RECORD,,\n', 20),
      record('p/sub/c.py,,\nq/deep/er/z.py,,\n', 10),
      record('r/s.py,,\n', 5, null),
      record('/abs/t.py,,\n../u/v.py,,\nw\\x/y.py,,\ntop.py,,\n', 1),
      null,
    ]);
    expect(Object.fromEntries(seals.times)).toEqual({
      p: 10,
      'p/sub': 10,
      'p-1.dist-info': 20,
      q: 10,
      'q/deep': 10,
      'q/deep/er': 10,
    });
    expect(Object.fromEntries([...seals.children].map(([dir, set]) => [dir, [...set]]))).toEqual({
      p: ['p/sub'],
      q: ['q/deep'],
      'q/deep': ['q/deep/er'],
    });
  });
});
