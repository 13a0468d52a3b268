import { vol } from 'memfs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type InstalledRecord, sealsOf } from '../../src/audit/records.js';
import { walkRoots } from '../../src/audit/walk.js';

vi.mock('node:fs', async () => {
  const { fs } = await import('memfs');
  return { ...fs, default: fs };
});

const SP = '/sp';
const record = (text: string, mtimeMs: number): InstalledRecord => ({ installer: 'pip', text, mtimeMs });

beforeEach(() => vol.reset());

describe('walkRoots', () => {
  it('a sealed directory is present without a listing, a changed one is listed; rows in either are answered', () => {
    vol.fromJSON({
      [`${SP}/p/a.py`]: '',
      [`${SP}/p/b.py`]: '',
      [`${SP}/q/c.py`]: '',
      [`${SP}/p-1.dist-info/RECORD`]: '',
    });
    const sealedTime = vol.statSync(`${SP}/p`).mtimeMs;
    const seals = sealsOf([
      record('p/a.py,,\np/gone.py,,\nq/c.py,,\nq/gone.py,,\np-1.dist-info/RECORD,,\n', sealedTime),
    ]);
    // q changed after its RECORD: it is listed, so its missing file is missing.
    vol.utimesSync(`${SP}/q`, new Date(sealedTime + 5000), new Date(sealedTime + 5000));
    const walk = walkRoots([SP], [seals]);
    const present = walk.present[0]!;
    expect(
      ['p/a.py', 'p/gone.py', 'q/c.py', 'q/gone.py', 'top.py', 'p'].map((path) => present.has(path)),
    ).toEqual([true, true, true, false, false, true]);
    // Asked again out of order, the answers hold (the last directory's answer is only a cache).
    expect(['q/gone.py', 'p/gone.py', 'q/c.py', 'q/gone.py'].map((path) => present.has(path))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([...walk.metadataStats.keys()]).toEqual([`${SP}/p-1.dist-info`]);
  });
});
