import { describe, expect, it } from 'vitest';
import { runAttemptLoop } from '../../src/run/attempts.js';
import type { Decide } from '../../src/run/decision.js';
import type { AttemptResult, Clock, Spawner } from '../../src/run/types.js';

/** A clock that only moves when told: waits cost no real time. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  const advance = (ms: number) => {
    now += ms;
  };
  return { now: () => now, sleep: async (ms) => advance(ms), advance };
}

/** A spawner whose attempts end with the given statuses, in order. */
function scriptedSpawner(statuses: Array<Partial<AttemptResult>>, clock: Clock): Spawner & { calls: number } {
  const spawner = Object.assign(
    async (n: number) => {
      spawner.calls++;
      const status = statuses[Math.min(n - 1, statuses.length - 1)]!;
      const result: AttemptResult = {
        n,
        started: clock.now(),
        ended: clock.now() + 10,
        exitCode: 1,
        signal: null,
        interrupted: false,
        tail: Buffer.from(''),
        ...status,
      };
      return { pid: 100 + n, kill: () => {}, result: Promise.resolve(result) };
    },
    { calls: 0 },
  );
  return spawner;
}

const alwaysRetry: Decide = async () => ({
  action: 'retry',
  reason: 'race',
  prepare: async () => ({ proceed: true, waitedMs: 0 }),
});

describe('runAttemptLoop', () => {
  it('retries exactly `retries` times, then gives up with the last status', async () => {
    const clock = fakeClock();
    const spawn = scriptedSpawner(
      [{ exitCode: 1 }, { exitCode: 2 }, { exitCode: 3 }, { exitCode: 4 }],
      clock,
    );
    const outcome = await runAttemptLoop({
      spawn,
      decide: alwaysRetry,
      retries: 3,
      clock,
      signal: new AbortController().signal,
    });
    expect(spawn.calls).toBe(4);
    expect(outcome.result).toBe('gave-up');
    expect(outcome.exitCode).toBe(4);
    expect(outcome.attempts.map((a) => a.decision?.action)).toEqual(['retry', 'retry', 'retry', 'give-up']);
  });

  it('stops at the first success and reports every attempt', async () => {
    const clock = fakeClock();
    const spawn = scriptedSpawner([{ exitCode: 1 }, { exitCode: 0 }], clock);
    const outcome = await runAttemptLoop({
      spawn,
      decide: alwaysRetry,
      retries: 3,
      clock,
      signal: new AbortController().signal,
    });
    expect(outcome).toMatchObject({ result: 'succeeded', exitCode: 0 });
    expect(outcome.attempts.map((a) => a.exitCode)).toEqual([1, 0]);
  });

  it('records the last change seen before a retry and the recovery latency to the next start', async () => {
    const clock = fakeClock();
    const spawn = scriptedSpawner([{ exitCode: 1 }, { exitCode: 0 }], clock);
    const lastChange = clock.now() + 100;
    const decide: Decide = async () => ({
      action: 'retry',
      reason: 'race',
      prepare: async () => {
        clock.advance(100 + 750 + 40);
        return { proceed: true, waitedMs: 890, lastChange };
      },
    });
    const outcome = await runAttemptLoop({
      spawn,
      decide,
      retries: 3,
      clock,
      signal: new AbortController().signal,
    });
    expect(outcome.attempts[0]).toMatchObject({
      lastChange: new Date(lastChange).toISOString(),
      recoveryMs: 790,
    });
    expect(outcome.attempts[1]).not.toHaveProperty('recoveryMs');
  });

  it('with no retries allowed, a retry decision becomes gave-up without waiting', async () => {
    const clock = fakeClock();
    let prepared = false;
    const decide: Decide = async () => ({
      action: 'retry',
      reason: 'race',
      prepare: async () => {
        prepared = true;
        return { proceed: true, waitedMs: 0 };
      },
    });
    const outcome = await runAttemptLoop({
      spawn: scriptedSpawner([{ exitCode: 1 }], clock),
      decide,
      retries: 0,
      clock,
      signal: new AbortController().signal,
    });
    expect(outcome.result).toBe('gave-up');
    expect(prepared).toBe(false);
  });

  it('never retries an attempt that we interrupted', async () => {
    const clock = fakeClock();
    const spawn = scriptedSpawner([{ exitCode: null, signal: 'SIGINT', interrupted: true }], clock);
    const outcome = await runAttemptLoop({
      spawn,
      decide: alwaysRetry,
      retries: 3,
      clock,
      signal: new AbortController().signal,
    });
    expect(spawn.calls).toBe(1);
    expect(outcome).toMatchObject({ result: 'interrupted', exitCode: 130 });
  });

  it('an interruption during the settle wait ends the run without another attempt', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const decide: Decide = async () => ({
      action: 'retry',
      reason: 'race',
      prepare: async (signal) => {
        controller.abort();
        signal.throwIfAborted();
        return { proceed: true, waitedMs: 0 };
      },
    });
    const spawn = scriptedSpawner([{ exitCode: 1 }], clock);
    const outcome = await runAttemptLoop({ spawn, decide, retries: 3, clock, signal: controller.signal });
    expect(spawn.calls).toBe(1);
    expect(outcome.result).toBe('interrupted');
  });

  it('records the wait measured on the injected clock, and a probe that says not-a-race', async () => {
    const clock = fakeClock();
    const decide: Decide = async () => ({
      action: 'retry',
      reason: 'pbr changed 1 s ago',
      prepare: async () => {
        clock.advance(900);
        return {
          proceed: false,
          waitedMs: 900,
          reason: 'import pbr still fails',
          result: 'not-a-race',
          probe: { ok: false },
        };
      },
    });
    const outcome = await runAttemptLoop({
      spawn: scriptedSpawner([{ exitCode: 1 }], clock),
      decide,
      retries: 3,
      clock,
      signal: new AbortController().signal,
    });
    expect(outcome.result).toBe('not-a-race');
    expect(outcome.attempts[0]).toMatchObject({
      waitedMs: 900,
      probe: { ok: false },
      decision: { action: 'fail', reason: 'import pbr still fails' },
    });
  });

  it('a decision that throws keeps the child verdict instead of crashing', async () => {
    const clock = fakeClock();
    const decide: Decide = async () => {
      throw new Error('boom');
    };
    const told: string[] = [];
    const outcome = await runAttemptLoop({
      spawn: scriptedSpawner([{ exitCode: 9 }], clock),
      decide,
      retries: 3,
      clock,
      signal: new AbortController().signal,
      onDecisionError: (reason) => told.push(reason),
    });
    expect(outcome).toMatchObject({ result: 'failed', exitCode: 9 });
    expect(outcome.reason).toMatch(/boom/);
    expect(told).toEqual(['could not decide (boom)']);
  });

  it('keeps the --on-retry record on the attempt, its time apart from the settle wait', async () => {
    const clock = fakeClock();
    const onRetry = { command: 'rm -rf build', exitCode: 0, signal: null, durationMs: 40 };
    const decide: Decide = async () => ({
      action: 'retry',
      reason: 'race',
      prepare: async () => {
        clock.advance(800 + 40);
        return { proceed: true, waitedMs: 840, onRetry };
      },
    });
    const outcome = await runAttemptLoop({
      spawn: scriptedSpawner([{ exitCode: 1 }, { exitCode: 0 }], clock),
      decide,
      retries: 3,
      clock,
      signal: new AbortController().signal,
    });
    expect(outcome.result).toBe('succeeded');
    expect(outcome.attempts[0]).toMatchObject({ waitedMs: 800, onRetry });
    expect(outcome.attempts[1]?.onRetry).toBeUndefined();
  });
});
