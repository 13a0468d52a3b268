import { chmodSync, mkdirSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyEntry } from './copy.js';
import type { Durability } from './durable.js';
import { faultStep } from './fault.js';
import { beat } from './heartbeat.js';
import type { ImageEntry } from './image.js';
import type { Plan } from './plan.js';

interface Placement {
  entry: ImageEntry;
  /** Absolute staging path. */
  path: string;
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
    toSync.add(join(rootReal, plan.stageDir));
  }
  const byParent = new Map<string, ImageEntry[]>();
  for (const entry of entries) {
    const siblings = byParent.get(dirname(entry.rel)) ?? [];
    siblings.push(entry);
    byParent.set(dirname(entry.rel), siblings);
  }
  const placeTree = (entry: ImageEntry, path: string): void => {
    if (entry.kind !== 'dir') {
      placements.push({ entry, path });
      return;
    }
    // Writable while it fills; its own mode and mtime come last.
    mkdirSync(path, { mode: 0o700 });
    dirs.push({ entry, path });
    for (const child of byParent.get(entry.rel) ?? [])
      placeTree(child, join(path, child.rel.slice(entry.rel.length + 1)));
  };
  for (const { entry, staged } of plan.newDirs) placeTree(entry, join(rootReal, staged));
  for (const { entry, staged } of plan.files) {
    placements.push({ entry, path: join(rootReal, staged) });
    toSync.add(dirname(join(rootReal, staged)));
  }
  for (const { entry, path } of placements) {
    copyEntry(join(image, entry.rel), path, entry);
    if (entry.kind === 'file') toSync.add(path);
    faultStep();
    beat();
  }
  for (const { entry, path } of dirs.reverse()) {
    chmodSync(path, entry.mode);
    utimesSync(path, entry.atimeMs / 1000, entry.mtimeMs / 1000);
    toSync.add(path);
  }
  await durable.syncAll(toSync);
}
