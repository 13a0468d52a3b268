import type { AttemptDetails } from '../../run/decision.js';
import type { Report } from '../types.js';

// The few facts CI output states about an attempt, read defensively: classification and evidence are
// typed `unknown` by the run loop, and a report from a future version may lack any of them.

export interface AttemptFacts {
  failure: string | null;
  module: string | null;
  loader: string | null;
  changes: Array<{ kind: string; path: string; source?: string }>;
  merges: Array<{ kind: string; path: string; pid?: number; stale?: boolean }>;
}

export function attemptFacts(attempt: AttemptDetails): AttemptFacts {
  const c = (attempt.classification ?? {}) as {
    exception?: { type?: string; message?: string } | null;
    module?: string | null;
    loader?: { frame?: string; group?: string | null } | null;
  };
  const failure = c.exception?.type ? `${c.exception.type}: ${c.exception.message ?? ''}`.trim() : null;
  const loader = c.loader?.frame ? `${c.loader.frame}${c.loader.group ? ` (${c.loader.group})` : ''}` : null;
  return {
    failure,
    module: c.module ?? null,
    loader,
    changes: (attempt.evidence?.changes ?? []) as AttemptFacts['changes'],
    merges: (attempt.evidence?.merges ?? []) as AttemptFacts['merges'],
  };
}

export interface HealedLoad {
  module: string | null;
  group: string | null;
  entryPoint: string | null;
  waitedMs: number;
}

/** Races the in-process shim survived without a rebuild. */
export function healedLoads(report: Report): HealedLoad[] {
  return report.inProcess
    .filter((event) => event.event === 'healed')
    .map((event) => ({
      module: typeof event.module === 'string' ? event.module : null,
      group: typeof event.group === 'string' ? event.group : null,
      entryPoint: typeof event.entry_point === 'string' ? event.entry_point : null,
      waitedMs: typeof event.waited_ms === 'number' ? event.waited_ms : 0,
    }));
}

/** Time the race cost: every attempt before the last, the waits between them, and in-process waits. */
export function timeLostMs(report: Report): number {
  const first = report.attempts[0];
  const last = report.attempts.at(-1);
  const retries = first && last ? Date.parse(last.started) - Date.parse(first.started) : 0;
  return retries + healedLoads(report).reduce((sum, load) => sum + load.waitedMs, 0);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `1 attempt`, `3 attempts`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
