import type { Classification } from '../classify/index.js';
// The arriving rule alone, not the watch barrel: that would bundle chokidar and the detectors into
// every run's start-up, where only a failure needs them (loaded lazily by watching.ts).
import { isArriving } from '../watch/completeness/arriving.js';
import type { Change, Implicated, MergeInProgress, Monitor } from '../watch/index.js';
import { brokenInstallNote } from './broken-install.js';
import type { Decide, Decision } from './decision.js';
import type { probeImports } from './probe.js';
import { probeStatement, probeTargets } from './probe-targets.js';
import { judgeAttempt } from './records.js';
import { failureMemory, unchangedRepeat } from './repeat.js';
import { removedWhileLoading } from './undeclared.js';

export interface RaceDecisionOptions {
  /** The monitor, started after the first child; awaited only when an attempt fails. */
  monitor: () => Promise<Monitor>;
  /**
   * A monitor over the main one's roots and these: the site-packages a failing interpreter reported
   * from inside the build (`venv/bin/pip install .` judges the venv). Without it, only the main roots.
   */
  monitorWith?: (roots: string[]) => Promise<Monitor>;
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
    const judged = judgeAttempt(attempt.records ?? [], attempt.tail, classify);
    const { classification } = judged;
    const judgedBy = judged.record ? { judgedBy: recordSummary(judged.record) } : {};
    const failure = failureText(classification, attempt.exitCode);
    options.onVerbose?.(
      `attempt ${attempt.n}: ${describeClassification(classification)}${fromWhom(judged.record)}`,
    );
    if (classification.category === 'unrelated') {
      return {
        action: 'fail',
        result: 'failed',
        reason: `${failure}: not an import failure`,
        details: { classification, ...judgedBy },
      };
    }
    const main = await options.monitor();
    // A root gone by now (pip's isolated build env, removed when pip exits) holds no evidence.
    const extra = await existing(judged.roots.filter((root) => !main.roots.includes(root)));
    const monitor = extra.length > 0 && options.monitorWith ? await options.monitorWith(extra) : main;
    // One deadline for a wait: the shim's, when it already waited in this attempt, else from now.
    const maxWaitMs =
      judged.shimWaitStarted === null
        ? options.maxWaitMs
        : Math.max(0, judged.shimWaitStarted + options.maxWaitMs - Date.now());
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
        details: { classification, ...judgedBy },
      };
    }
    const repeat = await unchangedRepeat(memory, classification, attempt.started, monitor);
    if (repeat)
      return {
        action: 'fail',
        result: 'not-a-race',
        reason: `${failure}: ${repeat}`,
        details: { classification, ...judgedBy },
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
    const details = { classification, ...judgedBy, evidence: { changes: cap(changes), merges: cap(merges) } };
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
        reason: `${failure} and ${looked(monitor.roots)} has not changed in ${windowS} s: ${realCause(classification)}, not a merge race${staleNote}`,
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
        // Loaded only for a retry: the probe's process library must not cost every build's start-up.
        const { settleThenProbe } = await import('./settle-probe.js');
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
          maxWaitMs,
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
            result: 'gave-up',
            reason: `${failure}; gave up waiting after ${seconds(judged.shimWaitStarted === null ? settled.waitedMs : Date.now() - judged.shimWaitStarted)} for ${settled.reason}`,
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

async function existing(paths: string[]): Promise<string[]> {
  const { stat } = await import('node:fs/promises');
  const found = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    ),
  );
  return paths.filter((_, i) => found[i]);
}

/** Every not-a-race line names the trees it looked at. */
function looked(roots: readonly string[]): string {
  if (roots.length === 0) return 'site-packages (none found to watch)';
  return roots.length === 1 ? roots[0]! : `site-packages (${roots.join(', ')})`;
}

function recordSummary(record: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    event: String(record.event),
    pid: typeof record.pid === 'number' ? record.pid : null,
    executable: text(record.executable),
    argv0: text(record.argv0),
  };
}

function fromWhom(record: Record<string, unknown> | null): string {
  if (!record) return ' (from the output)';
  return ` (recorded by ${String(record.executable ?? 'python')}, pid ${String(record.pid ?? '?')})`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
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
