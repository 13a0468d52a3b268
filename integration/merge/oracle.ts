import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The new tree computed without `merge`: copy the image over the old tree with `cp -a`, then delete
 * what the old RECORD owned and the image does not carry, and the directories that leaves empty.
 */
export function expectedAfterReplace(root: string, image: string, oldRecord: string, into: string): void {
  execFileSync('cp', ['-a', root, into]);
  execFileSync('cp', ['-a', `${image}/.`, into]);
  const owned = readFileSync(join(root, oldRecord), 'utf8').split('\n').filter(Boolean);
  for (const line of owned) {
    const rel = line.split(',')[0] ?? '';
    if (existsSync(join(image, rel))) continue;
    rmSync(join(into, rel), { force: true });
    for (let dir = dirname(rel); dir !== '.' && !existsSync(join(image, dir)); dir = dirname(dir)) {
      const path = join(into, dir);
      if (!existsSync(path) || readdirSync(path).length > 0) break;
      rmdirSync(path);
    }
  }
}
