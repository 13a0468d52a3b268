import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Report } from '../report/types.js';
import { uniqueSuffix } from '../unique.js';
import { type LoopOutcome, runAttemptLoop } from './attempts.js';
import { childEnv } from './child-env.js';
import { systemClock } from './clock.js';
import { type Decide, neverRetry } from './decision.js';
import { ShimEvents } from './events.js';
import { signalExitCode } from './exit-status.js';
import { SignalRelay } from './signals.js';
import { createSpawner } from './spawn.js';
import type { Clock, Spawner } from './types.js';

export interface RunOptions {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  retries: number;
  windowMs: number;
  settleMs: number;
  maxWaitMs: number;
  /** Passed on to the in-process shim so it judges staleness and relevance as we do. */
  staleAfterMs?: number;
  evidence?: 'relevant' | 'any';
  inProcess: boolean;
  /** Watched roots (site-packages and --watch), passed to the in-process shim. */
  roots?: readonly string[];
  /** The retry decision; by default nothing is retried. */
  decide?: Decide;
  /** Called once the first child runs: the place to start watching without delaying the build. */
  onStarted?: () => void;
  onRetry?: (attempt: import('./attempts.js').AttemptRecord) => void;
  onDecisionError?: (reason: string) => void;
  clock?: Clock;
  spawn?: Spawner;
  /**
   * Where the build's output goes. By default it inherits ours, except stderr without the in-process
   * shim: that is piped through to keep a tail for the classifier. A stream given here is piped to.
   */
  stdout?: Writable;
  stderr?: Writable;
  relay?: SignalRelay;
  /** Grace period between a forwarded signal and SIGKILL of the child's group. */
  killAfterMs?: number;
}

/** Runs the command under supervision and returns the report; the caller exits with `report.exitCode`. */
export async function supervise(options: RunOptions): Promise<Report> {
  const clock = options.clock ?? systemClock;
  const relay = options.relay ?? new SignalRelay(options.killAfterMs).install();
  const cwd = options.cwd ?? process.cwd();
  const roots = [...(options.roots ?? [])];
  const eventsFile = options.inProcess
    ? join(tmpdir(), `plugin-settle-events.${uniqueSuffix()}.jsonl`)
    : undefined;
  const events = eventsFile ? new ShimEvents(eventsFile) : undefined;
  const started = clock.now();
  try {
    const env = childEnv({
      base: options.env ?? process.env,
      roots,
      windowMs: options.windowMs,
      settleMs: options.settleMs,
      maxWaitMs: options.maxWaitMs,
      inProcess: options.inProcess,
      ...(options.staleAfterMs === undefined ? {} : { staleAfterMs: options.staleAfterMs }),
      ...(options.evidence ? { evidence: options.evidence } : {}),
      ...(eventsFile ? { eventsFile } : {}),
    });
    const spawnOne =
      options.spawn ??
      createSpawner({
        command: options.command,
        args: options.args,
        cwd,
        env,
        relay,
        clock,
        ...streams(options),
      });
    // Each attempt carries the records its own processes wrote, and none of an earlier one's.
    const baseSpawn: Spawner = async (n) => {
      const handle = await spawnOne(n);
      if (!events) return handle;
      const result = handle.result.then(async (attempt) => ({ ...attempt, records: await events.readNew() }));
      return { pid: handle.pid, kill: handle.kill, result };
    };
    let first = true;
    const spawn: Spawner = async (n) => {
      const handle = await baseSpawn(n);
      if (first) {
        first = false;
        options.onStarted?.();
      }
      return handle;
    };
    const outcome = await runAttemptLoop({
      spawn,
      decide: options.decide ?? neverRetry,
      retries: options.retries,
      clock,
      signal: relay.signal,
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      ...(options.onDecisionError ? { onDecisionError: options.onDecisionError } : {}),
    });
    const exitCode = interruptedExitCode(outcome, relay) ?? outcome.exitCode;
    return {
      version: 1,
      command: [options.command, ...options.args],
      cwd,
      roots,
      started: new Date(started).toISOString(),
      ended: new Date(clock.now()).toISOString(),
      result: outcome.result,
      exitCode,
      signal: outcome.signal,
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      attempts: outcome.attempts,
      inProcess: events ? await events.finish() : [],
    };
  } finally {
    if (!options.relay) relay.uninstall();
  }
}

/**
 * An interrupted run exits as the signal we received says (130 for Ctrl-C), unless the child handled
 * it and chose its own exit code: then the child's word stands.
 */
function interruptedExitCode(outcome: LoopOutcome, relay: SignalRelay): number | undefined {
  if (outcome.result !== 'interrupted' || !relay.received) return undefined;
  const last = outcome.attempts.at(-1);
  if (!relay.receivedWhileIdle && last?.exitCode !== null && last?.exitCode !== undefined)
    return last.exitCode;
  return signalExitCode(relay.received);
}

function streams(options: RunOptions): { stdout: Writable | 'inherit'; stderr: Writable | 'inherit' } {
  // Without the shim nothing records a failure from inside Python: its traceback on stderr is all we get.
  const fallback = options.inProcess ? 'inherit' : process.stderr;
  return { stdout: options.stdout ?? 'inherit', stderr: options.stderr ?? fallback };
}
