import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PluginSettleError } from '../errors.js';
import { durability } from './durable.js';
import { startHeartbeat } from './heartbeat.js';
import { MERGE_MARKER_DIR, MERGE_OWNER_FILE } from './names.js';
import { isOwnerDead, type MarkerOwner, parseOwner } from './owner.js';
import { pollUntil } from './poll.js';

export const DEFAULT_STALE_AFTER_MS = 60_000;

export type MergeMarkerState =
  | { state: 'absent'; path: string }
  | { state: 'live' | 'stale'; path: string; owner: MarkerOwner | undefined; ageMs: number; reason: string };

/** How long a marker may lack its owner.json before it counts as a crashed installer's leftover. */
export const OWNERLESS_GRACE_MS = 2000;

/**
 * Is a merge in progress in `root`? Synchronous and cheap, for the monitor's polling too. The marker's
 * mtime is its owner's heartbeat (refreshed every stale-after/4): one not refreshed within
 * `staleAfterMs` is stale wherever its owner lives; on this host a dead owner pid is stale at once.
 * mtime alone, not ctime: a marker restored from a cache or copied keeps its old mtime, and a fresh
 * ctime would make it look alive.
 */
export function readMergeMarker(root: string, staleAfterMs = DEFAULT_STALE_AFTER_MS): MergeMarkerState {
  const path = join(root, MERGE_MARKER_DIR);
  let ageMs: number;
  try {
    ageMs = Math.max(0, Date.now() - statSync(path).mtimeMs);
  } catch {
    return { state: 'absent', path };
  }
  let owner: MarkerOwner | undefined;
  try {
    owner = parseOwner(readFileSync(join(path, MERGE_OWNER_FILE), 'utf8'));
  } catch {}
  if (owner && isOwnerDead(owner)) {
    return { state: 'stale', path, owner, ageMs, reason: `its owner pid ${owner.pid} is dead` };
  }
  // The owner writes owner.json right after its mkdir: a marker still without one after a moment is
  // an installer that died in between, not one still starting.
  if (!owner && ageMs > Math.min(staleAfterMs, OWNERLESS_GRACE_MS)) {
    return {
      state: 'stale',
      path,
      owner,
      ageMs,
      reason: `no owner recorded for ${Math.round(ageMs / 1000)} s`,
    };
  }
  const who = owner ? `pid ${owner.pid} on ${owner.host} (${owner.tool})` : 'an owner still starting';
  if (ageMs > staleAfterMs) {
    return {
      state: 'stale',
      path,
      owner,
      ageMs,
      reason: `not refreshed for ${Math.round(ageMs / 1000)} s by ${who}, longer than stale-after ${Math.round(staleAfterMs / 1000)} s`,
    };
  }
  return { state: 'live', path, owner, ageMs, reason: `held by ${who}` };
}

export interface HeldMarker {
  /** The dead owner whose marker was taken over, if any: the caller must recover before merging. */
  tookOver: MarkerOwner | undefined;
  release(): void;
}

export interface AcquireOptions {
  owner: MarkerOwner;
  wait: boolean;
  maxWaitMs: number;
  onProgress: (line: string) => void;
  fsync: boolean;
  /** A marker not refreshed this long is stale; ours is refreshed every quarter of it. */
  staleAfterMs?: number;
}

// mkdir is the lock: it fails for everyone but one.
function tryCreate(root: string, owner: MarkerOwner, fsync: boolean): boolean {
  const path = join(root, MERGE_MARKER_DIR);
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  const durable = durability(fsync);
  try {
    durable.writeAtomicSync(join(path, MERGE_OWNER_FILE), `${JSON.stringify(owner)}\n`);
    durable.syncDirSync(path);
    durable.syncDirSync(root);
  } catch (error) {
    // A full disk fails the owner file: leave no ownerless marker behind for others to wait on.
    rmSync(path, { recursive: true, force: true });
    throw error;
  }
  return true;
}

// Two takers may see the same stale marker: renaming it away is atomic, and the one whose renamed
// copy still names the dead owner wins; anyone else puts back what they grabbed.
function takeOverStale(root: string, dead: MarkerOwner | undefined): boolean {
  const path = join(root, MERGE_MARKER_DIR);
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return false;
  }
  let grabbed: MarkerOwner | undefined;
  try {
    grabbed = parseOwner(readFileSync(join(aside, MERGE_OWNER_FILE), 'utf8'));
  } catch {}
  const same = grabbed?.pid === dead?.pid && grabbed?.started === dead?.started;
  if (!same) {
    try {
      renameSync(aside, path);
      return false;
    } catch {}
  }
  rmSync(aside, { recursive: true, force: true });
  return same;
}

export async function acquireMergeMarker(root: string, options: AcquireOptions): Promise<HeldMarker> {
  let tookOver: MarkerOwner | undefined;
  let announced = false;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  await pollUntil(
    () => {
      if (tryCreate(root, options.owner, options.fsync)) return true;
      const state = readMergeMarker(root, staleAfterMs);
      if (state.state === 'absent') return false;
      if (state.state === 'stale') {
        if (takeOverStale(root, state.owner)) {
          options.onProgress(`taking over a stale merge marker in ${root}: ${state.reason}`);
          tookOver = state.owner ?? { pid: 0, host: '', started: '', tool: 'unknown' };
          return tryCreate(root, options.owner, options.fsync);
        }
        return false;
      }
      if (!options.wait) {
        throw new PluginSettleError(
          `a merge is in progress in ${root} (${state.reason}); run without --no-wait to wait for it`,
          'merge-in-progress',
        );
      }
      if (!announced) options.onProgress(`waiting for the merge in progress in ${root} (${state.reason})`);
      announced = true;
      return false;
    },
    {
      maxWaitMs: options.maxWaitMs,
      what: `the merge marker in ${root} to be released`,
    },
  );
  const path = join(root, MERGE_MARKER_DIR);
  const stopHeartbeat = startHeartbeat(path, staleAfterMs);
  return {
    tookOver,
    release() {
      stopHeartbeat();
      // Judged stale and taken over while we were stopped (a suspended process): the marker now
      // belongs to someone else, and removing it would end their merge's protection.
      if (!isOurs(path, options.owner)) return;
      unlinkSync(join(path, MERGE_OWNER_FILE));
      rmdirSync(path);
      durability(options.fsync).syncDirSync(root);
    },
  };
}

function isOurs(path: string, owner: MarkerOwner): boolean {
  try {
    const found = parseOwner(readFileSync(join(path, MERGE_OWNER_FILE), 'utf8'));
    return found?.pid === owner.pid && found.started === owner.started && found.host === owner.host;
  } catch {
    return false;
  }
}
