import type { Implicated, Monitor, SettleOutcome } from '../watch/index.js';
import { type ProbeResult, probeImports } from './probe.js';

/** How long before the quiet time ends the probe may start: a Python 2 import of a plugin fits. */
export const PROBE_LEAD_MS = 300;
/** File times come from a coarse clock; a probe must start this long after the quiet window opened. */
const MTIME_SLACK_MS = 20;

export interface SettleProbeOptions {
  monitor: Monitor;
  implicated: Implicated;
  /** Modules to import once settled; none: no probe. */
  modules: string[];
  findOnly: boolean;
  python: string;
  cwd: string;
  settleMs: number;
  maxWaitMs: number;
  signal: AbortSignal;
  onWaiting?: (what: string, kind: string) => void;
  probe?: typeof probeImports;
}

export interface SettledAndProbed {
  settled: SettleOutcome;
  probe?: ProbeResult & { early: boolean };
}

interface Running {
  startedAt: number;
  result: Promise<ProbeResult>;
  cancel: () => void;
}

/**
 * Waits for the tree to settle, then imports the implicated modules. The import costs an interpreter
 * start (40–200 ms), so it starts once only the last `PROBE_LEAD_MS` of quiet remain. Its answer stands
 * only if it is a success and the settle's final look saw nothing move after it began; a failure
 * (the one answer that fails the build) always comes from a probe of the settled tree.
 */
export async function settleThenProbe(options: SettleProbeOptions): Promise<SettledAndProbed> {
  const start = (): Running => {
    const controller = new AbortController();
    const startedAt = Date.now();
    const result = (options.probe ?? probeImports)(options.python, options.modules, {
      cwd: options.cwd,
      signal: AbortSignal.any([options.signal, controller.signal]),
      findOnly: options.findOnly,
    });
    // A dropped probe's rejection (its abort) is nobody's business.
    result.catch(() => {});
    return { startedAt, result, cancel: () => controller.abort() };
  };
  let early: Running | undefined;
  let settled: SettleOutcome;
  try {
    settled = await options.monitor.waitForSettled({
      settleMs: options.settleMs,
      maxWaitMs: options.maxWaitMs,
      implicated: options.implicated,
      signal: options.signal,
      ...(options.onWaiting ? { onProgress: options.onWaiting } : {}),
      ...(options.modules.length > 0
        ? {
            nearlyQuietMs: PROBE_LEAD_MS,
            onNearlyQuiet: (lastChange: number) => {
              if (early && early.startedAt > lastChange + MTIME_SLACK_MS) return;
              // Something moved after it began: its answer is about a tree that is gone.
              early?.cancel();
              early = start();
            },
          }
        : {}),
    });
  } catch (error) {
    early?.cancel();
    throw error;
  }
  if (!settled.settled || options.modules.length === 0) {
    early?.cancel();
    return { settled };
  }
  if (early && settled.quietSince !== undefined && early.startedAt >= settled.quietSince + MTIME_SLACK_MS) {
    const result = await early.result;
    if (result.ok) return { settled, probe: { ...result, early: true } };
  } else early?.cancel();
  return { settled, probe: { ...(await start().result), early: false } };
}
