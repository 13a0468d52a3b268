import { setTimeout as sleep } from 'node:timers/promises';
import { type IncompleteWithAge, isArriving } from './completeness/index.js';
import { CLOCK_SLACK_MS } from './scan.js';
import type { Change, Implicated, MergeInProgress, SettleOutcome } from './types.js';

/** The progress line counts the changes of the last second: how busy the installer still is. */
const RATE_WINDOW_MS = 1000;

export interface SettleOptions {
  settleMs: number;
  maxWaitMs: number;
  implicated: Implicated;
  signal?: AbortSignal;
  /**
   * What the wait is for, each time the words change; `kind` changes only when the wait turns to
   * something else (another merge, completeness, quiet), for logs that want a line per turn, not per file.
   */
  onProgress?: (waitingFor: string, kind: string) => void;
  /**
   * Told when only quiet time is left and it ends within `nearlyQuietMs` (the wait wakes then to say
   * so): work that must follow the settle, like the import probe, can start here and be kept if the
   * outcome's `quietSince` shows nothing changed after it started.
   */
  onNearlyQuiet?: (lastChange: number) => void;
  nearlyQuietMs?: number;
}

/** What the wait looks at, so the rule is testable without a file system. */
export interface SettleProbe {
  merges(implicated: Implicated): Promise<MergeInProgress[]>;
  incomplete(implicated: Implicated): Promise<IncompleteWithAge[]>;
  /** Any change in the roots (journal, roots' own timestamps) or under the implicated paths. */
  changesSince(sinceMs: number, implicated: Implicated): Promise<Change[]>;
}

/**
 * DESIGN, decision step 4: settled when nothing changed in the roots for `settleMs`, no merge is in
 * progress and the implicated distribution is complete. Quiet is not done: an installer may pause
 * between a plugin's metadata and its code. Releasing our own merge marker waives the quiet period.
 */
export async function waitForSettled(probe: SettleProbe, options: SettleOptions): Promise<SettleOutcome> {
  const started = Date.now();
  const pollMs = Math.min(250, Math.max(25, Math.floor(options.settleMs / 5)));
  const nearlyMs = options.onNearlyQuiet ? (options.nearlyQuietMs ?? 0) : 0;
  let sawOurMarker = false;
  let reason = 'nothing';
  let lastChange: number | undefined;
  let toldNearly: number | undefined;
  // The end of the last look that found a merge or a half-installed package: the tree may have moved
  // until then in ways the quiet check does not see (a lock, the vdb, a dependency's deep files).
  let busyUntil = Number.NEGATIVE_INFINITY;
  for (;;) {
    options.signal?.throwIfAborted();
    const now = Date.now();
    const waitingFor = await whatToWaitFor(probe, options, now, sawOurMarker, started);
    sawOurMarker ||= waitingFor.ourMarker;
    if (waitingFor.lastChange !== undefined) lastChange = Math.max(lastChange ?? 0, waitingFor.lastChange);
    else if (waitingFor.reason !== null) busyUntil = Date.now();
    const waitedMs = Date.now() - started;
    if (waitingFor.reason === null) {
      // Nothing moved since the later of `now − settle` and the last busy look; waived (our marker)
      // means the final look did not check quiet at all.
      const quietSince = sawOurMarker ? undefined : Math.max(now - options.settleMs, busyUntil);
      return {
        settled: true,
        waitedMs,
        reason,
        timedOut: false,
        ...(quietSince === undefined ? {} : { quietSince }),
        ...(lastChange === undefined ? {} : { lastChange }),
      };
    }
    if (waitingFor.reason !== reason) {
      reason = waitingFor.reason;
      options.onProgress?.(reason, waitingFor.kind);
    }
    if (waitedMs >= options.maxWaitMs) return { settled: false, waitedMs, reason, timedOut: true };
    let wakeAt = waitingFor.quietAt;
    if (waitingFor.lastChange !== undefined && wakeAt !== undefined && options.onNearlyQuiet) {
      if (toldNearly !== waitingFor.lastChange && Date.now() >= wakeAt - nearlyMs) {
        toldNearly = waitingFor.lastChange;
        options.onNearlyQuiet(waitingFor.lastChange);
      }
      if (toldNearly !== waitingFor.lastChange) wakeAt -= nearlyMs;
    }
    // Waiting out the quiet time: wake when it ends rather than at the next poll, a retry sooner.
    const untilWake = wakeAt === undefined ? pollMs : wakeAt - Date.now() + 1;
    await sleep(
      Math.max(1, Math.min(pollMs, untilWake, options.maxWaitMs - waitedMs)),
      undefined,
      options.signal ? { signal: options.signal } : {},
    );
  }
}

/** One look: nothing left to wait for (`reason: null`), or what is left; `quietAt` only for quiet. */
type Look = { ourMarker: boolean } & (
  | { reason: null; lastChange?: undefined }
  | { reason: string; kind: string; quietAt?: undefined; lastChange?: undefined }
  | { reason: string; kind: 'quiet'; quietAt: number; lastChange: number }
);

async function whatToWaitFor(
  probe: SettleProbe,
  options: SettleOptions,
  now: number,
  sawOurMarker: boolean,
  started: number,
): Promise<Look> {
  const merges = (await probe.merges(options.implicated)).filter((merge) => !merge.stale);
  const ourMarker = merges.some((merge) => merge.kind === 'plugin-settle');
  if (merges.length > 0) {
    // The same one each look (detectors answer in any order), so a log's line does not flip between two.
    const merge = merges.reduce((first, next) => (next.path < first.path ? next : first));
    return {
      ourMarker,
      reason: `${merge.kind} merge in progress (${merge.path}${merge.pid ? `, pid ${merge.pid}` : ''})`,
      kind: `merge ${merge.path}`,
    };
  }
  // No installer at work: an incomplete distribution holds the wait only while it moves (issue 15),
  // counted from this wait's start at the earliest, so an installer gets the settle time after the
  // failure was seen, however long the build ran before it failed.
  const incomplete = (await probe.incomplete(options.implicated)).filter((entry) =>
    isArriving({ changedAt: Math.max(entry.changedAt, started) }, options.settleMs, now),
  );
  if (incomplete.length > 0) {
    const first = incomplete[0]!;
    const shown = first.missing.slice(0, 3).join(', ') + (first.missing.length > 3 ? ', …' : '');
    return {
      ourMarker,
      reason: `${first.distribution} to be complete (missing ${shown})`,
      kind: `complete ${first.distribution}`,
    };
  }
  if (!sawOurMarker) {
    // File times lag the clock that stamps `now`: a change just before the window still counts.
    const quietFrom = now - options.settleMs - CLOCK_SLACK_MS;
    const changes = await probe.changesSince(Math.min(quietFrom, now - RATE_WINDOW_MS), options.implicated);
    const last = changes.at(-1);
    if (last && last.time >= quietFrom) {
      // One file is seen by the journal, its root's time and the scan alike: count paths.
      const recent = new Set(changes.filter((c) => c.time >= now - RATE_WINDOW_MS).map((c) => c.path)).size;
      return {
        ourMarker,
        reason: `site-packages to be quiet for ${options.settleMs} ms (${recent} change${recent === 1 ? '' : 's'} in the last second, the last ${last.path})`,
        kind: 'quiet',
        quietAt: last.time + options.settleMs,
        lastChange: last.time,
      };
    }
  }
  return { ourMarker, reason: null };
}
