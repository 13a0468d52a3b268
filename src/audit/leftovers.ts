import { basename, dirname } from 'node:path';
import { JOURNAL_PREFIX } from '../merge/names.js';
import type { StagingEntry } from '../watch/detectors/context.js';
import { detectors } from '../watch/detectors/index.js';
import { isStaleByAge } from '../watch/liveness.js';
import { readLockTable } from '../watch/locks.js';
import type { MergeInProgress } from '../watch/types.js';
import { classifyRoots } from '../watch/venvs.js';
import { installerOfKind, isMetadataShaped, LIVE_WHY, leftoverWhy } from './leftover-why.js';
import { buildMarkerFindings } from './markers.js';
import type { Finding } from './types.js';
import { PIP_TEMP } from './walk.js';

const MARKER_NAME = '.plugin-settle-merge';

/**
 * Every installer leftover, marker and live installer under the roots, through the monitor's own
 * detectors over the names the walk set aside; each becomes a finding with its installer and why.
 */
export async function findLeftovers(
  roots: readonly string[],
  candidates: readonly StagingEntry[],
  options: { staleAfterMs: number; portageRoot: string; warn: (message: string) => void },
): Promise<Finding[]> {
  const now = Date.now();
  const [{ systemRoots, venvs }, locks] = await Promise.all([
    classifyRoots([...roots], options.warn),
    readLockTable(),
  ]);
  const staging = candidates.filter(isLeftoverCandidate);
  const context = {
    roots,
    systemRoots,
    venvs,
    portageRoot: options.portageRoot,
    staleAfterMs: options.staleAfterMs,
    now,
    locks,
    staging,
    cannotTell: (path: string) => options.warn(`cannot tell whether ${path} is locked (no /proc/locks)`),
  };
  const found = (await Promise.all(detectors.map((detector) => detector.detect(context)))).flat();
  // pip's own temp directories are no detector's business (nothing merges through them).
  for (const entry of staging)
    if (entry.stats.isDirectory() && PIP_TEMP.test(entry.name))
      found.push({
        kind: 'pip',
        path: entry.path,
        stale: isStaleByAge(entry.stats, options.staleAfterMs, now),
      });
  const journalRoots = new Set(
    staging.filter((entry) => entry.name.startsWith(JOURNAL_PREFIX)).map((entry) => dirname(entry.path)),
  );
  const findings = dedupe(found).map((merge) => toFinding(merge, journalRoots));
  for (const root of roots) findings.push(...buildMarkerFindings(root));
  return findings;
}

/** pip writes `<name>…tmp` only inside a dist-info: a `.tmp` file elsewhere is a package's own data. */
function isLeftoverCandidate(entry: StagingEntry): boolean {
  if (!entry.stats.isDirectory() && entry.name.endsWith('.tmp') && !entry.name.startsWith('.plugin-settle-'))
    return dirname(entry.path).endsWith('.dist-info');
  return true;
}

function dedupe(found: MergeInProgress[]): MergeInProgress[] {
  const byPath = new Map<string, MergeInProgress>();
  for (const merge of found) if (!byPath.has(merge.path)) byPath.set(merge.path, merge);
  return [...byPath.values()];
}

function toFinding(merge: MergeInProgress, journalRoots: Set<string>): Finding {
  const installer = installerOfKind(merge.kind);
  const name = basename(merge.path);
  const base = { path: merge.path, distribution: null, installer, stale: merge.stale };
  if (name === MARKER_NAME) {
    if (!merge.stale) return { ...base, kind: 'merge-in-progress', breaks: true, why: LIVE_WHY, fix: null };
    const recover = journalRoots.has(dirname(merge.path));
    return {
      ...base,
      kind: 'stale-marker',
      breaks: false,
      why: `the merge marker of a dead merge${merge.pid ? ` (pid ${merge.pid})` : ''}: never waited on, but \`merge\` must take it over${recover ? ', and a journal says the merge did not finish' : ''}`,
      fix: { owner: 'ours', action: recover ? 'recover' : 'remove' },
    };
  }
  if (!merge.stale || merge.kind.endsWith('-lock') || basename(merge.path) === '.lock')
    return { ...base, kind: 'merge-in-progress', breaks: true, why: LIVE_WHY, fix: null };
  const ours = installer === 'plugin-settle';
  const journal = name.startsWith(JOURNAL_PREFIX);
  return {
    ...base,
    kind: 'leftover',
    breaks: isMetadataShaped(name) || journal,
    why: leftoverWhy(installer, merge.path),
    fix: ours
      ? { owner: 'ours', action: underJournal(merge.path, journalRoots) ? 'recover' : 'remove' }
      : { owner: 'others', action: 'remove' },
  };
}

/** A journal at a root covers every staged name under it: `merge --recover` settles them. */
function underJournal(path: string, journalRoots: Set<string>): boolean {
  for (const root of journalRoots) if (path.startsWith(`${root}/`)) return true;
  return false;
}
