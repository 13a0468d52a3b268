import { randomBytes } from 'node:crypto';
import { realpathSync, rmSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { applyRenames } from './apply.js';
import { waitForBuilds } from './build-markers.js';
import { durability } from './durable.js';
import { mergeFailure } from './failure.js';
import { faultStep, reportFaultSteps } from './fault.js';
import { readImage } from './image.js';
import { type Journal, journalPath, writeJournal } from './journal.js';
import { acquireMergeMarker } from './marker.js';
import { isWithin } from './names.js';
import { currentOwner } from './owner.js';
import { planMerge } from './plan.js';
import { recoverJournals } from './rollback.js';
import { resolveRoot } from './root.js';
import { stage } from './stage.js';

export const DEFAULT_MERGE_MAX_WAIT_MS = 30 * 60_000;

export interface MergeOptions {
  image: string;
  root: string;
  /** A distribution whose installed files the new image does not carry are removed (metadata first). */
  replace?: string;
  /** Wait for another merge's marker (default); false fails at once. */
  wait?: boolean;
  /** merge-wait: wait until no `run --hold` build holds the root. */
  waitForBuilds?: boolean;
  /** Durability (default true); false skips every fsync. */
  fsync?: boolean;
  maxWaitMs?: number;
  /** Another merge's marker not refreshed this long is stale and taken over; ours beats every quarter. */
  staleAfterMs?: number;
  onProgress?: (line: string) => void;
}

export interface MergeResult {
  files: number;
  bytes: number;
  ms: number;
}

function resolveImage(image: string, rootReal: string): string {
  let real: string;
  try {
    real = realpathSync(resolve(image));
  } catch {
    throw new UsageError(`the image '${image}' does not exist; pass the directory to merge`, 'bad-image');
  }
  if (isWithin(real, rootReal) || isWithin(rootReal, real)) {
    throw new UsageError(
      `the image '${image}' and the root overlap; stage the image outside the root`,
      'bad-image',
    );
  }
  return real;
}

/**
 * Merges the tree `image` into `root` atomically per entry, code before metadata, under the merge
 * marker, so a concurrent build never sees entry points whose code is missing or half-written.
 */
export async function merge(options: MergeOptions): Promise<MergeResult> {
  const outcome = { halfway: false };
  try {
    return await mergeOrUndo(options, outcome);
  } catch (error) {
    throw mergeFailure(
      error,
      `cannot merge into ${options.root}`,
      outcome.halfway
        ? `the merge stopped half-way, run plugin-settle merge --recover ${options.root}`
        : 'the root is unchanged',
      options.root,
    );
  }
}

async function mergeOrUndo(options: MergeOptions, outcome: { halfway: boolean }): Promise<MergeResult> {
  const started = performance.now();
  const onProgress = options.onProgress ?? (() => {});
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MERGE_MAX_WAIT_MS;
  const durable = durability(options.fsync ?? true);
  const rootReal = resolveRoot(options.root);
  const image = resolveImage(options.image, rootReal);
  const entries = readImage(image, rootReal);
  // Refusals come before the marker: "nothing written" means nothing at all.
  planMerge(entries, rootReal, 'check', options.replace);
  if (options.waitForBuilds) await waitForBuilds(rootReal, { maxWaitMs, onProgress });
  const owner = currentOwner({ image });
  const held = await acquireMergeMarker(rootReal, {
    owner,
    wait: options.wait ?? true,
    maxWaitMs,
    onProgress,
    fsync: durable.enabled,
    ...(options.staleAfterMs === undefined ? {} : { staleAfterMs: options.staleAfterMs }),
  });
  let journal: Journal | undefined;
  try {
    const recovered = recoverJournals(rootReal, durable);
    for (const line of recovered.details) onProgress(line);
    const id = randomBytes(4).toString('hex');
    const plan = planMerge(entries, rootReal, id, options.replace);
    for (const note of plan.notes) onProgress(note);
    journal = {
      version: 1,
      id,
      phase: 'staging',
      image,
      started: owner.started,
      stageDir: plan.stageDir,
      renames: plan.renames,
    };
    writeJournal(rootReal, journal, durable);
    faultStep();
    await stage(plan, entries, image, rootReal, durable);
    journal = { ...journal, phase: 'committed' };
    writeJournal(rootReal, journal, durable);
    faultStep();
    applyRenames(rootReal, plan.renames, durable, false);
    rmSync(resolve(rootReal, plan.stageDir), { recursive: true, force: true });
    faultStep();
    unlinkSync(journalPath(rootReal, id));
    durable.syncDirSync(rootReal);
    faultStep();
    held.release();
    faultStep();
    reportFaultSteps();
    return { files: plan.fileCount, bytes: plan.byteCount, ms: Math.round(performance.now() - started) };
  } catch (error) {
    // Staged but not committed: undo now rather than leave it to --recover. If even that fails, the
    // marker stays and goes stale with this process, which tells the next merge to recover first.
    try {
      if (journal) recoverJournals(rootReal, durable);
      held.release();
    } catch {
      // The first error is the one to report; --recover (or the next merge) finishes the undo.
      outcome.halfway = true;
    }
    throw error;
  }
}
