import { vol } from 'memfs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readSmallText, readTextWithMtime } from '../../src/audit/read-file.js';

vi.mock('node:fs', async () => {
  const { fs } = await import('memfs');
  return { ...fs, default: fs };
});

beforeEach(() => vol.reset());

describe('readSmallText', () => {
  it('reads small files, files past the buffer, UTF-8, and nothing from a missing file', () => {
    const long = `${'é'.repeat(70_000)}end`;
    vol.fromJSON({ '/d/INSTALLER': 'pip\n', '/d/long.txt': long, '/d/empty': '', '/d/sub/x': '' });
    expect(readSmallText('/d/INSTALLER')).toBe('pip\n');
    expect(readSmallText('/d/long.txt')).toBe(long);
    // The buffer grew for the long file: a short one after it is still read alone.
    expect(readSmallText('/d/INSTALLER')).toBe('pip\n');
    expect(readSmallText('/d/empty')).toBe('');
    expect(readSmallText('/d/missing')).toBeNull();
  });
});

describe('readTextWithMtime', () => {
  it('pairs the text with the mtime of the file read; a directory is no file', () => {
    vol.fromJSON({ '/d/RECORD': 'a.py,,1\n', '/d/dir/x': '' });
    vol.utimesSync('/d/RECORD', 1000, 1000);
    expect(readTextWithMtime('/d/RECORD')).toEqual({ text: 'a.py,,1\n', mtimeMs: 1_000_000 });
    expect(readTextWithMtime('/d/dir')).toBeNull();
    expect(readTextWithMtime('/d/none')).toBeNull();
  });
});
