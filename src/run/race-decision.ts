import type { Classification } from '../classify/index.js';
import {
  type Change,
  type Implicated,
  isArriving,
  type MergeInProgress,
  type Monitor,
} from '../watch/index.js';
import { brokenInstallNote } from './broken-install.js';
import type { Decide, Decision } from './decision.js';
import { type probeImports, probeStatement, probeTargets } from './probe.js';
import { failureMemory, unchangedRepeat } from './repeat.js';
import { settleThenProbe } from './settle-probe.js';
import { removedWhileLoading } from './undeclared.js';

export interface RaceDecisionOptions {
  /** The monitor, started after the first child; awaited only when an attempt fails. */
  monitor: () => Promise<Monitor>;
  python: string;
  cwd: string;
  windowMs: number;
  settleMs: number;
  maxWaitMs: number;
  evidence: 'relevant' | 'any';
  onWaiting?: (what: string, kind: string) => void;
  onVerbose?: (line: string) => void;
  /** Tests only: stands in for the real `import` probe in a fresh interpreter. */
  probe?: typeof probeImports;
}

/** Evidence kept in the report per attempt, capped so a merge of thousands of files stays readable. */
const EVIDENCE_CAP = 20;

/**
 * DESIGN.md "The decision": classify the tail, look for relevant changes over
 * [attempt start − window, now] or an installer at work, and retry only then — after the tree has
 * settled and, for import failures, after `import <module>` succeeds in a fresh interpreter.
 */
export function createRaceDecision(options: RaceDecisionOptions): Decide {
  const memory = failureMemory();
  return async ({ attempt }) => {
    // Loaded only when a build fails: a passing build never pays for the classifier.
    const { classify, describeClassification, filesUnderRoots } = await import('../classify/index.js');
    const classification = classify(attempt.tail);
    const failure = failureText(classification, attempt.exitCode);
    options.onVerbose?.(`attempt ${attempt.n}: ${describeClassification(classification)}`);
    if (classification.category === 'unrelated') {
      return {
        action: 'fail',
        result: 'failed',
        reason: `${failure}: not an import failure`,
        details: { classification },
      };
    }
    const monitor = await options.monitor();
    // A broken file is a merge's doing only if it lives where installers write.
    const fileBound =
      classification.category === 'truncated-source' || classification.category === 'corrupt-bytecode';
    if (
      fileBound &&
      classification.files.length > 0 &&
      filesUnderRoots(classification.files, monitor.roots).length === 0
    ) {
      return {
        action: 'fail',
        result: 'failed',
        reason: `${failure} in ${classification.files[0]}, outside the watched site-packages: a real error, not a merge race`,
        details: { classification },
      };
    }
    const repeat = await unchangedRepeat(memory, classification, attempt.started, monitor);
    if (repeat)
      return {
        action: 'fail',
        result: 'not-a-race',
        reason: `${failure}: ${repeat}`,
        details: { classification },
      };
    const implicated: Implicated = {
      module: classification.module,
      topLevel: classification.topLevel,
      distribution: classification.distribution,
      files: classification.files,
    };
    const since = attempt.started - options.windowMs;
    const [changes, merges, incomplete] = await Promise.all([
      monitor.changesSince(since, options.evidence === 'any' ? 'any' : implicated),
      monitor.mergesInProgress(implicated),
      monitor.incomplete(implicated),
    ]);
    const live = merges.filter((merge) => !merge.stale);
    // Still arriving, or a broken install that nothing is finishing (issue 15).
    const unfinished = incomplete.filter((dist) => isArriving(dist, options.settleMs));
    const details = { classification, evidence: { changes: cap(changes), merges: cap(merges) } };
    options.onVerbose?.(
      `attempt ${attempt.n}: ${changes.length} relevant change(s), ${live.length} merge(s) in progress, ${unfinished.length} incomplete`,
    );
    if (changes.length === 0 && live.length === 0 && unfinished.length === 0) {
      const windowS = (options.windowMs / 1000).toFixed(options.windowMs % 1000 ? 1 : 0);
      const stale = merges.find((merge) => merge.stale);
      const staleNote = stale
        ? ` (a stale ${stale.kind} marker at ${stale.path} is a crashed installer's leftover)`
        : '';
      return {
        action: 'fail',
        result: 'not-a-race',
        reason: `${failure} and site-packages has not changed in ${windowS} s: ${realCause(classification)}, not a merge race${staleNote}`,
        details,
      };
    }
    const decision: Decision = {
      action: 'retry',
      reason: `${failure} while ${evidenceText(
        changes,
        live,
        unfinished.map((dist) => dist.distribution),
      )}`,
      details,
      prepare: async (signal) => {
        const modules = probeTargets(classification);
        const { settled, probe } = await settleThenProbe({
          monitor,
          implicated,
          modules,
          // A missing module needs only to be findable now; a missing name needs the module to run.
          findOnly: classification.category === 'missing-module',
          python: options.python,
          cwd: options.cwd,
          settleMs: options.settleMs,
          maxWaitMs: options.maxWaitMs,
          signal,
          ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
          ...(options.probe ? { probe: options.probe } : {}),
        });
        const lastChange = Math.max(settled.lastChange ?? 0, changes.at(-1)?.time ?? 0) || undefined;
        const seen = lastChange === undefined ? {} : { lastChange };
        if (!settled.settled) {
          return {
            proceed: false,
            waitedMs: settled.waitedMs,
            ...seen,
            result: 'failed',
            reason: `${failure}; gave up waiting after ${Math.round(settled.waitedMs / 1000)} s for ${settled.reason}`,
          };
        }
        if (!probe || probe.ok)
          return { proceed: true, waitedMs: settled.waitedMs, ...seen, ...(probe ? { probe } : {}) };
        const removed = await removedWhileLoading(monitor.roots, classification);
        if (removed) return { proceed: true, waitedMs: settled.waitedMs, ...seen, probe, note: removed };
        return {
          proceed: false,
          waitedMs: settled.waitedMs,
          ...seen,
          probe,
          result: 'not-a-race',
          reason: `${failure}; the tree has settled and \`${probeStatement(probe.failed ?? '')}\` still fails (${probe.error})${await brokenInstallNote(monitor, implicated)}: not a merge race`,
        };
      },
    };
    memory.retried(classification);
    return decision;
  };
}

function failureText(c: Classification, exitCode: number | null): string {
  if (!c.exception) return `exit ${exitCode}`;
  const message =
    c.exception.message.length > 120 ? `${c.exception.message.slice(0, 117)}...` : c.exception.message;
  return `${c.exception.type}: ${message}`;
}

function realCause(c: Classification): string {
  switch (c.category) {
    case 'missing-module':
      return 'a missing dependency';
    case 'missing-name':
      return 'an incompatible version';
    case 'missing-metadata':
      return 'a distribution that is not installed';
    default:
      return 'a broken installation';
  }
}

function evidenceText(changes: Change[], merges: MergeInProgress[], incomplete: string[]): string {
  const parts: string[] = [];
  if (merges.length > 0) parts.push(`${merges[0]!.kind} is merging (${merges[0]!.path})`);
  if (incomplete.length > 0) parts.push(`${incomplete.join(', ')} is half installed`);
  if (changes.length > 0) {
    const ago = ((Date.now() - changes.at(-1)!.time) / 1000).toFixed(1);
    parts.push(`${changes.length} relevant change(s) in site-packages, the last ${ago} s ago`);
  }
  return parts.join('; ');
}

function cap<T>(items: T[]): T[] {
  return items.length > EVIDENCE_CAP ? items.slice(-EVIDENCE_CAP) : items;
}
