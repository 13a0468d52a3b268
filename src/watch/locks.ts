import { readFile, stat } from 'node:fs/promises';

export interface HeldLock {
  type: string;
  pid?: number;
}

/** `null` means this system cannot tell (no /proc/locks: macOS, the BSDs, a locked-down /proc). */
export type LockTable = Map<string, HeldLock> | null;

/**
 * Reads every lock held on the system in one read: POSIX (fcntl/lockf, dpkg, Portage), FLOCK (uv)
 * and OFDLCK. Waiters (`->` lines) hold nothing and are skipped.
 */
export async function readLockTable(procLocks = '/proc/locks'): Promise<LockTable> {
  const text = await readFile(procLocks, 'utf8').catch(() => null);
  if (text === null) return null;
  return parseLockTable(text);
}

export function parseLockTable(text: string): Map<string, HeldLock> {
  const table = new Map<string, HeldLock>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 6 || fields[1] === '->') continue;
    const [major, minor, inode] = fields[5]!.split(':');
    if (major === undefined || minor === undefined || inode === undefined) continue;
    const pid = Number(fields[4]);
    const key = lockKey(BigInt(`0x${major}`), BigInt(`0x${minor}`), BigInt(inode));
    table.set(key, { type: fields[1]!, ...(pid > 0 ? { pid } : {}) });
  }
  return table;
}

export type LockState = { held: true; pid?: number; type: string } | { held: false } | { held: null };

/** Whether a lock is held on `path`, matched by device and inode as /proc/locks reports them. */
export async function lockStateOf(path: string, table: LockTable): Promise<LockState> {
  if (table === null) return { held: null };
  const stats = await stat(path, { bigint: true }).catch(() => null);
  if (!stats) return { held: false };
  const lock = table.get(lockKey(devMajor(stats.dev), devMinor(stats.dev), stats.ino));
  return lock ? { held: true, type: lock.type, ...(lock.pid ? { pid: lock.pid } : {}) } : { held: false };
}

function lockKey(major: bigint, minor: bigint, inode: bigint): string {
  return `${major}:${minor}:${inode}`;
}

// glibc's gnu_dev_major/gnu_dev_minor: the 64-bit dev_t splits each number across two ranges.
function devMajor(dev: bigint): bigint {
  return ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
}

function devMinor(dev: bigint): bigint {
  return (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
}
