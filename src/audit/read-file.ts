import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

let buffer = Buffer.allocUnsafe(1 << 16);

/**
 * A metadata file's text, or null when it cannot be read. `audit` reads three small files of every
 * distribution (6,000 on a 2,000-distribution site-packages), so a read that fills less than the
 * buffer is taken as the end of the file (a regular file reads short only there) rather than paid
 * for with one more read, and one buffer serves them all.
 */
export function readSmallText(path: string): string | null {
  return readFile(path, false)?.text ?? null;
}

/**
 * RECORD's text and the mtime of the very file read (fstat of the open descriptor: a RECORD
 * replaced meanwhile cannot pair one file's text with another's time). Null when it cannot be read
 * or is no regular file (a directory, or a fifo that would block).
 */
export function readTextWithMtime(path: string): { text: string; mtimeMs: number } | null {
  return readFile(path, true);
}

function readFile(path: string, withMtime: boolean): { text: string; mtimeMs: number } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    let mtimeMs = Number.NaN;
    if (withMtime) {
      const stats = fstatSync(fd);
      if (!stats.isFile()) return null;
      mtimeMs = stats.mtimeMs;
      if (buffer.length < stats.size + 1) buffer = Buffer.allocUnsafe(stats.size + 1);
    }
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
      if (length < buffer.length) break;
      buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    }
    return { text: buffer.toString('utf8', 0, length), mtimeMs };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
