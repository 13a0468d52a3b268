import { describe, expect, it } from 'vitest';
import { observeAttempts } from '../../src/report/lifecycle.js';
import type { Decide, DecisionContext } from '../../src/run/decision.js';

const context = (n: number, retriesLeft: number): DecisionContext => ({
  attempt: { n, started: 0, ended: 1, exitCode: 1, signal: null, interrupted: false, tail: Buffer.alloc(0) },
  retriesLeft,
  signal: new AbortController().signal,
});

function recorder() {
  const events: string[] = [];
  return {
    events,
    hooks: {
      attemptEnded: (n: number) => events.push(`ended ${n}`),
      decided: (n: number, d: { action: string }) => events.push(`decided ${n} ${d.action}`),
      waitStarted: () => events.push('wait'),
      waitEnded: (n: number, o: { proceed: boolean } | null) =>
        events.push(`waited ${n} ${o ? o.proceed : 'interrupted'}`),
      attemptStarting: (n: number) => events.push(`starting ${n}`),
    },
  };
}

describe('observeAttempts', () => {
  it('a retry: ended, decided, wait, waited, next attempt starting', async () => {
    const { events, hooks } = recorder();
    const decide = observeAttempts(
      async () => ({
        action: 'retry',
        reason: 'race',
        prepare: async () => ({ proceed: true, waitedMs: 5 }),
      }),
      hooks,
    );
    const decision = await decide(context(1, 2));
    expect(decision.action).toBe('retry');
    if (decision.action !== 'retry') return;
    expect(await decision.prepare!(new AbortController().signal)).toEqual({ proceed: true, waitedMs: 5 });
    expect(events).toEqual(['ended 1', 'decided 1 retry', 'wait', 'waited 1 true', 'starting 2']);
  });

  it('a retry the wait turns down starts nothing', async () => {
    const { events, hooks } = recorder();
    const decide = observeAttempts(
      async () => ({
        action: 'retry',
        reason: 'race',
        prepare: async () => ({ proceed: false, waitedMs: 5, reason: 'still broken', result: 'not-a-race' }),
      }),
      hooks,
    );
    const decision = await decide(context(1, 2));
    if (decision.action === 'retry') await decision.prepare!(new AbortController().signal);
    expect(events).toEqual(['ended 1', 'decided 1 retry', 'wait', 'waited 1 false']);
  });

  it('an interrupted wait ends the wait and rethrows', async () => {
    const { events, hooks } = recorder();
    const aborted: Decide = async () => ({
      action: 'retry',
      reason: 'race',
      prepare: async () => {
        throw new DOMException('aborted', 'AbortError');
      },
    });
    const decision = await observeAttempts(aborted, hooks)(context(1, 2));
    if (decision.action === 'retry')
      await expect(decision.prepare!(new AbortController().signal)).rejects.toThrow('aborted');
    expect(events).toEqual(['ended 1', 'decided 1 retry', 'wait', 'waited 1 interrupted']);
  });

  it('a decision without a wait still marks when the next attempt starts', async () => {
    const { events, hooks } = recorder();
    const decision = await observeAttempts(
      async () => ({ action: 'retry', reason: 'race' }),
      hooks,
    )(context(3, 1));
    if (decision.action === 'retry') await decision.prepare!(new AbortController().signal);
    expect(events).toEqual(['ended 3', 'decided 3 retry', 'wait', 'waited 3 true', 'starting 4']);
  });

  it('fail decisions and retries with none left pass through untouched', async () => {
    const { events, hooks } = recorder();
    const fail = await observeAttempts(
      async () => ({ action: 'fail', result: 'failed', reason: 'x' }),
      hooks,
    )(context(1, 3));
    expect(fail).toEqual({ action: 'fail', result: 'failed', reason: 'x' });
    const last = await observeAttempts(
      async () => ({ action: 'retry', reason: 'race' }),
      hooks,
    )(context(4, 0));
    expect(last).toEqual({ action: 'retry', reason: 'race' });
    expect(events).toEqual(['ended 1', 'decided 1 fail', 'ended 4', 'decided 4 retry']);
  });
});
