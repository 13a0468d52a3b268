import { describe, expect, test } from 'vitest';
import type { IncompleteWithAge } from '../../src/watch/completeness/index.js';
import { type SettleProbe, waitForSettled } from '../../src/watch/settle.js';
import type { Change, MergeInProgress } from '../../src/watch/types.js';

/** A probe that walks through scripted states, one per poll, then stays on the last. */
function scripted(
  states: Array<{ merges?: MergeInProgress[]; incomplete?: IncompleteWithAge[]; changes?: Change[] }>,
) {
  let poll = 0;
  const state = () => states[Math.min(poll, states.length - 1)]!;
  const probe: SettleProbe = {
    merges: async () => state().merges ?? [],
    incomplete: async () => state().incomplete ?? [],
    changesSince: async () => {
      const changes = state().changes ?? [];
      poll++;
      return changes;
    },
  };
  // Polls that return before changesSince (merge or incomplete) advance too.
  const advancing: SettleProbe = {
    ...probe,
    merges: async (i) => {
      const merges = await probe.merges(i);
      if (merges.some((m) => !m.stale)) poll++;
      return merges;
    },
    incomplete: async (i) => {
      const incomplete = await probe.incomplete(i);
      if (incomplete.some((e) => !e.stale)) poll++;
      return incomplete;
    },
  };
  return advancing;
}

const merging: MergeInProgress = {
  kind: 'portage',
  path: '/var/db/pkg/dev-python/-MERGING-pbr-6.0.0',
  stale: false,
};
const half: IncompleteWithAge = {
  distribution: 'pbr',
  metadata: '/sp/pbr.egg-info',
  missing: ['pbr/__init__.py'],
  stale: false,
  // Stamped ahead: still arriving for every poll of a test.
  changedAt: Date.now() + 60_000,
};
const change: Change = { path: '/sp/pbr', kind: 'mtime', time: 0, source: 'scan' };
const options = { settleMs: 50, maxWaitMs: 60_000, implicated: { module: 'pbr' } };

describe('waitForSettled (DESIGN decision step 4)', () => {
  test('waits for the merge, then for completeness, then for quiet, and says so in that order', async () => {
    const progress: string[] = [];
    const outcome = await waitForSettled(
      scripted([
        { merges: [merging] },
        { incomplete: [half] },
        // Stamped ahead: the polls before it must not age it past the 50 ms quiet time.
        { changes: [{ ...change, time: Date.now() + 200 }] },
        {},
      ]),
      { ...options, onProgress: (reason) => progress.push(reason) },
    );
    expect(outcome).toMatchObject({ settled: true, timedOut: false });
    expect(progress).toEqual([
      'portage merge in progress (/var/db/pkg/dev-python/-MERGING-pbr-6.0.0)',
      'pbr to be complete (missing pbr/__init__.py)',
      'site-packages to be quiet for 50 ms (1 change in the last second, the last /sp/pbr)',
    ]);
    expect(outcome.reason).toBe(progress.at(-1));
  });

  test('metadata whose code is still arriving keeps it waiting', async () => {
    const outcome = await waitForSettled(scripted([{ incomplete: [half] }]), { ...options, maxWaitMs: 150 });
    expect(outcome).toMatchObject({
      settled: false,
      timedOut: true,
      reason: 'pbr to be complete (missing pbr/__init__.py)',
    });
  });

  test('an incomplete distribution unchanged for the settle time, with no installer at work, is not waited on', async () => {
    const broken = { ...half, changedAt: Date.now() - 1000 };
    const outcome = await waitForSettled(scripted([{ incomplete: [broken] }]), {
      ...options,
      maxWaitMs: 5000,
    });
    // Given the settle time from the wait's start (an installer's chance after the failure), no more.
    expect(outcome).toMatchObject({ settled: true, reason: 'pbr to be complete (missing pbr/__init__.py)' });
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(options.settleMs);
    expect(outcome.waitedMs).toBeLessThan(5000);
    // Unchanged for less than the settle time: it may still be arriving.
    const young = await waitForSettled(scripted([{ incomplete: [broken] }]), {
      ...options,
      settleMs: 5000,
      maxWaitMs: 100,
    });
    expect(young).toMatchObject({ settled: false, reason: 'pbr to be complete (missing pbr/__init__.py)' });
  });

  test('stale merges are never waited on', async () => {
    const outcome = await waitForSettled(scripted([{ merges: [{ ...merging, stale: true }] }]), options);
    expect(outcome).toEqual({
      settled: true,
      waitedMs: expect.any(Number),
      reason: 'nothing',
      timedOut: false,
      quietSince: expect.any(Number),
    });
  });

  test('a change older than the quiet time does not hold the wait, though it is counted in the last second', async () => {
    const now = Date.now();
    const progress: string[] = [];
    const outcome = await waitForSettled(
      scripted([
        {
          changes: [
            { ...change, time: now - 300 },
            { ...change, path: '/sp/pbr/b', time: now },
          ],
        },
        {},
      ]),
      { ...options, settleMs: 200, onProgress: (reason) => progress.push(reason) },
    );
    expect(outcome.settled).toBe(true);
    expect(progress).toEqual([
      'site-packages to be quiet for 200 ms (2 changes in the last second, the last /sp/pbr/b)',
    ]);
    const old = await waitForSettled(scripted([{ changes: [{ ...change, time: Date.now() - 300 }] }]), {
      ...options,
      settleMs: 200,
    });
    expect(old).toMatchObject({ settled: true, reason: 'nothing' });
  });

  test('reports the last change it saw and the start of the window its final look found quiet', async () => {
    const recent: Change = { ...change, time: Date.now() };
    const before = Date.now();
    const outcome = await waitForSettled(scripted([{ changes: [recent] }, {}]), options);
    expect(outcome).toMatchObject({ settled: true, lastChange: recent.time });
    expect(outcome.quietSince).toBeGreaterThanOrEqual(before - options.settleMs);
  });

  test('the quiet window a probe may stand on opens no earlier than the last look that saw a merge', async () => {
    const outcome = await waitForSettled(
      scripted([{ changes: [{ ...change, time: Date.now() + 30 }] }, { merges: [merging] }, {}]),
      { ...options, settleMs: 200 },
    );
    expect(outcome.settled).toBe(true);
    // Quiet came from the change's time, but the merge was seen later: the window starts at that look.
    expect(outcome.quietSince).toBeGreaterThan(Date.now() - 200);
  });

  test('says once per last change when only the end of the quiet time is left, so a probe can start', async () => {
    const first: Change = { ...change, time: Date.now() };
    const second: Change = { ...change, time: first.time + 10 };
    const told: number[] = [];
    const outcome = await waitForSettled(
      // A change, the same change while quiet runs out, a newer one, then nothing.
      scripted([
        { changes: [first] },
        { changes: [first] },
        { changes: [second] },
        { changes: [second] },
        {},
      ]),
      { ...options, settleMs: 200, nearlyQuietMs: 1_000, onNearlyQuiet: (last) => told.push(last) },
    );
    expect(outcome.settled).toBe(true);
    expect(told).toEqual([first.time, second.time]);
  });

  test('says it only once the end of the quiet time is within nearlyQuietMs, not before', async () => {
    const now = Date.now();
    const stamps: number[] = [];
    const probe = scripted([{ changes: [{ ...change, time: now }] }]);
    const outcome = await waitForSettled(
      {
        ...probe,
        changesSince: async (since, i) => (Date.now() < now + 400 ? probe.changesSince(since, i) : []),
      },
      {
        ...options,
        settleMs: 400,
        nearlyQuietMs: 300,
        onNearlyQuiet: () => stamps.push(Date.now() - now),
      },
    );
    expect(outcome.settled).toBe(true);
    // Quiet ends 400 ms after the change; with 300 ms of lead, the earliest moment is 100 ms in.
    expect(stamps).toHaveLength(1);
    expect(stamps[0]).toBeGreaterThanOrEqual(100);
  });

  test('when our own merge marker is released the quiet period is waived', async () => {
    const marker: MergeInProgress = {
      kind: 'plugin-settle',
      path: '/sp/.plugin-settle-merge',
      pid: 1,
      stale: false,
    };
    const outcome = await waitForSettled(
      scripted([{ merges: [marker] }, { changes: [{ ...change, time: Date.now() }] }]),
      {
        ...options,
        settleMs: 3_600_000,
      },
    );
    expect(outcome).toMatchObject({
      settled: true,
      reason: expect.stringContaining('plugin-settle merge in progress'),
    });
    // Nothing was looked at for quiet, so nothing started early may stand on it.
    expect(outcome.quietSince).toBeUndefined();
  });

  test('an abort rejects the wait', async () => {
    const controller = new AbortController();
    const waiting = waitForSettled(scripted([{ merges: [merging] }]), {
      ...options,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('interrupted by SIGINT')),
    });
    await expect(waiting).rejects.toThrow();
  });
});
