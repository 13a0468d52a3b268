import { describe, expect, test } from 'vitest';
import { parseLockTable } from '../../src/watch/locks.js';

describe('parseLockTable', () => {
  test('reads holders by device and inode and skips waiters', () => {
    const table = parseLockTable(
      [
        '1: POSIX  ADVISORY  WRITE 5230 fe:00:2146689 0 EOF',
        '1: -> POSIX  ADVISORY  WRITE 5231 fe:00:2146689 0 EOF',
        '2: FLOCK  ADVISORY  WRITE 5229 00:2f:98765 0 EOF',
        '3: OFDLCK ADVISORY  READ  -1 103:05:42 0 EOF',
        '',
      ].join('\n'),
    );
    expect(table.get('254:0:2146689')).toEqual({ type: 'POSIX', pid: 5230 });
    expect(table.get('0:47:98765')).toEqual({ type: 'FLOCK', pid: 5229 });
    expect(table.get('259:5:42')).toEqual({ type: 'OFDLCK' });
    expect(table.size).toBe(3);
  });
});
