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
  probe?: ProbeResult;
  /** Whether the probe ran while the quiet time ran out (kept because nothing moved after it began). */
  probeEarly?: boolean;
}

/**
 * Waits for the tree to settle, then imports the implicated modules. The import costs an interpreter
 * start (40–200 ms), so it starts once only the last `PROBE_LEAD_MS` of quiet remain, and its answer
 * stands only if the settle's final look saw nothing change after the probe began; otherwise it runs again.
 */
export async function settleThenProbe(options: SettleProbeOptions): Promise<SettledAndProbed> {
  const probe = () => {
    const startedAt = Date.now();
    const result = (options.probe ?? probeImports)(options.python, options.modules, {
      cwd: options.cwd,
      signal: options.signal,
      findOnly: options.findOnly,
    });
    // Its rejection (an abort) is seen only if the result is used.
    result.catch(() => {});
    return { startedAt, result };
  };
  let early: ReturnType<typeof probe> | undefined;
  const settled = await options.monitor.waitForSettled({
    settleMs: options.settleMs,
    maxWaitMs: options.maxWaitMs,
    implicated: options.implicated,
    signal: options.signal,
    ...(options.onWaiting ? { onProgress: options.onWaiting } : {}),
    ...(options.modules.length > 0
      ? {
          nearlyQuietMs: PROBE_LEAD_MS,
          onNearlyQuiet: (lastChange: number) => {
            if (!early || early.startedAt <= lastChange + MTIME_SLACK_MS) early = probe();
          },
        }
      : {}),
  });
  if (!settled.settled || options.modules.length === 0) return { settled };
  const stands =
    early !== undefined &&
    settled.quietSince !== undefined &&
    early.startedAt >= settled.quietSince + MTIME_SLACK_MS;
  const result = await (stands && early ? early : probe()).result;
  return { settled, probe: result, probeEarly: stands };
}
