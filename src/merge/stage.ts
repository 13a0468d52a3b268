import { mkdirSync } from 'node:fs';
import { chmod, copyFile, lutimes, symlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Durability } from './durable.js';
import { faultStep } from './fault.js';
import type { ImageEntry } from './image.js';
import type { Plan } from './plan.js';
import { forEachLimited } from './pool.js';

const COPY_CONCURRENCY = 16;

interface Placement {
  entry: ImageEntry;
  /** Absolute staging path. */
  path: string;
}

// Mode and mtime are applied after the content: a read-only directory must still be fillable,
// and adding children would bump its mtime again.
async function place({ entry, path }: Placement, image: string): Promise<void> {
  const source = join(image, entry.rel);
  const atime = entry.atimeMs / 1000;
  const mtime = entry.mtimeMs / 1000;
  if (entry.kind === 'symlink') {
    await symlink(entry.linkTarget ?? '', path);
    await lutimes(path, atime, mtime);
  } else if (entry.kind === 'file') {
    await copyFile(source, path);
    await utimes(path, atime, mtime);
  }
  faultStep();
}

/**
 * Writes every new file under a staging name on the root's filesystem, then makes them durable in
 * one batch (dpkg-style), so the rename burst that follows costs no fsync per file.
 */
export async function stage(
  plan: Plan,
  entries: ImageEntry[],
  image: string,
  rootReal: string,
  durable: Durability,
) {
  const placements: Placement[] = [];
  const dirs: Placement[] = [];
  const toSync = new Set<string>();
  if (plan.newDirs.length > 0 || plan.renames.some((rename) => rename.kind === 'remove')) {
    mkdirSync(join(rootReal, plan.stageDir));
    toSync.add(rootReal);
  }
  for (const { entry: top, staged } of plan.newDirs) {
    const prefix = `${top.rel}/`;
    const at = (entry: ImageEntry): string => join(rootReal, staged, entry.rel.slice(top.rel.length));
    for (const entry of [top, ...entries.filter((candidate) => candidate.rel.startsWith(prefix))]) {
      const placement = { entry, path: at(entry) };
      if (entry.kind === 'dir') {
        mkdirSync(placement.path, { mode: 0o700 });
        dirs.push(placement);
      } else placements.push(placement);
    }
    toSync.add(join(rootReal, plan.stageDir));
  }
  for (const { entry, staged } of plan.files) {
    placements.push({ entry, path: join(rootReal, staged) });
    toSync.add(dirname(join(rootReal, staged)));
  }
  await forEachLimited(placements, COPY_CONCURRENCY, (placement) => place(placement, image));
  for (const { entry, path } of dirs.reverse()) {
    await chmod(path, entry.mode);
    await utimes(path, entry.atimeMs / 1000, entry.mtimeMs / 1000);
    toSync.add(path);
  }
  for (const { entry, path } of placements) if (entry.kind === 'file') toSync.add(path);
  await durable.syncAll(toSync);
}
