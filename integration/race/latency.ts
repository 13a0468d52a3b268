import { appendFileSync } from 'node:fs';
import { execa } from 'execa';

export interface Recovery {
  what: string;
  /** The installer's last write and the retry's start, ms since epoch. */
  lastWrite: number;
  retryStart: number;
  settleMs: number;
  /** The report's `recoveryMs`: the last change the wrapper saw → the retry's start. */
  reportedMs?: number | undefined;
  /** The wrapper's probe (`import <modules>` in the build's python), when it ran one. */
  probe?: { python: string; modules: string[]; cwd: string; env: Record<string, string> };
}

/**
 * Recovery latency (installer's last write → the retry's start) is a measurement, not an assertion:
 * printed with what a probe-like import costs right now (the probe sits between settling and the
 * retry), and appended to $RACE_LATENCY_FILE when set (scripts/race-20x.sh summarises it).
 */
export async function recordLatency(recovery: Recovery): Promise<void> {
  const ms = recovery.retryStart - recovery.lastWrite;
  let probeMs: number | null = null;
  if (recovery.probe) {
    const { python, modules, cwd, env } = recovery.probe;
    const started = Date.now();
    const code = `import importlib\nfor m in ${JSON.stringify(modules)}: importlib.import_module(m)`;
    await execa(python, ['-c', code], { cwd, env, reject: false });
    probeMs = Date.now() - started;
  }
  const beyond = ms - recovery.settleMs;
  const probeNote = probeMs === null ? 'no probe' : `a probe-like import takes ${probeMs} ms now`;
  const reported = recovery.reportedMs;
  const reportNote =
    reported === undefined ? '' : `; report: ${reported} ms = settle + ${reported - recovery.settleMs}`;
  console.log(
    `recovery latency ${recovery.what}: ${ms} ms (settle ${recovery.settleMs} + ${beyond}; ${probeNote}${reportNote})`,
  );
  const file = process.env.RACE_LATENCY_FILE;
  const reportedBeyond = reported === undefined ? null : reported - recovery.settleMs;
  if (file)
    appendFileSync(file, `${JSON.stringify({ what: recovery.what, ms, beyond, probeMs, reportedBeyond })}\n`);
}
