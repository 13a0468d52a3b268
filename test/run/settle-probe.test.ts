import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/run/probe.js';
import { PROBE_LEAD_MS, settleThenProbe } from '../../src/run/settle-probe.js';
import type { Monitor, SettleOutcome } from '../../src/watch/index.js';

type SettleOptions = Parameters<Monitor['waitForSettled']>[0];

/** A monitor whose settle wait runs a script against the options it was given, then returns `outcome`. */
function monitorThat(script: (options: SettleOptions) => Promise<SettleOutcome>): Monitor {
  return {
    roots: ['/sp'],
    ready: Promise.resolve(),
    changesSince: async () => [],
    mergesInProgress: async () => [],
    incomplete: async () => [],
    waitForSettled: script,
    close: async () => {},
  };
}

/** A probe that answers `answers` in turn (then the last), and keeps the signal each call was given. */
function countingProbe(answers: boolean[] = [true]) {
  const calls: number[] = [];
  const signals: AbortSignal[] = [];
  const probe = async (_python: string, _modules: string[], options: { signal?: AbortSignal }) => {
    calls.push(Date.now());
    if (options.signal) signals.push(options.signal);
    const ok = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return ok
      ? { ok, modules: ['pbr'] }
      : ({ ok, modules: ['pbr'], failed: 'pbr', error: 'nope' } as ProbeResult);
  };
  return { calls, signals, probe };
}

const base = {
  implicated: { module: 'pbr' },
  modules: ['pbr'],
  findOnly: true,
  python: 'python3',
  cwd: '/',
  settleMs: 750,
  maxWaitMs: 60_000,
  signal: new AbortController().signal,
};
const settled = (quietSince?: number): SettleOutcome => ({
  settled: true,
  waitedMs: 10,
  reason: 'quiet',
  timedOut: false,
  ...(quietSince === undefined ? {} : { quietSince }),
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('settle, then probe', () => {
  it('asks to be told PROBE_LEAD_MS before quiet ends, and keeps a probe nothing changed after', async () => {
    const { calls, probe } = countingProbe();
    let lead: number | undefined;
    const monitor = monitorThat(async (options) => {
      lead = options.nearlyQuietMs;
      const lastChange = Date.now() - 500;
      options.onNearlyQuiet?.(lastChange);
      await tick();
      return settled(lastChange + 1);
    });
    const outcome = await settleThenProbe({ ...base, monitor, probe });
    expect(lead).toBe(PROBE_LEAD_MS);
    expect(calls).toHaveLength(1);
    expect(outcome).toMatchObject({ probe: { ok: true, early: true } });
  });

  it('probes again when the final quiet window opened after the early probe began', async () => {
    const { calls, signals, probe } = countingProbe();
    const monitor = monitorThat(async (options) => {
      options.onNearlyQuiet?.(Date.now() - 500);
      await tick();
      // Something moved after the probe started: the window the final look saw begins later.
      return settled(Date.now());
    });
    const outcome = await settleThenProbe({ ...base, monitor, probe });
    expect(calls).toHaveLength(2);
    expect(outcome.probe?.early).toBe(false);
    // The dropped probe is stopped, not left to run out its timeout.
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
  });

  it('starts a new early probe for a newer change, and only one per change', async () => {
    const { calls, probe } = countingProbe();
    const monitor = monitorThat(async (options) => {
      const first = Date.now() - 500;
      options.onNearlyQuiet?.(first);
      options.onNearlyQuiet?.(first);
      await tick();
      // A change after the first probe began (by its own clock; file times lag) asks for a second.
      const second = Date.now() - 25;
      options.onNearlyQuiet?.(second);
      await tick();
      return settled(second + 1);
    });
    const outcome = await settleThenProbe({ ...base, monitor, probe });
    expect(calls).toHaveLength(2);
    expect(outcome.probe?.early).toBe(true);
  });

  it('a failed early probe is asked again of the settled tree: only a success is taken early', async () => {
    const { calls, probe } = countingProbe([false, true]);
    const monitor = monitorThat(async (options) => {
      const lastChange = Date.now() - 500;
      options.onNearlyQuiet?.(lastChange);
      await tick();
      return settled(lastChange + 1);
    });
    const outcome = await settleThenProbe({ ...base, monitor, probe });
    expect(calls).toHaveLength(2);
    expect(outcome.probe).toMatchObject({ ok: true, early: false });
  });

  it('a wait that gives up, or is interrupted, stops the early probe', async () => {
    const { signals, probe } = countingProbe();
    const timedOut = monitorThat(async (options) => {
      options.onNearlyQuiet?.(Date.now() - 500);
      return { settled: false, waitedMs: 60_000, reason: 'x', timedOut: true };
    });
    expect(await settleThenProbe({ ...base, monitor: timedOut, probe })).not.toHaveProperty('probe');
    const interrupted = monitorThat(async (options) => {
      options.onNearlyQuiet?.(Date.now() - 500);
      throw new Error('interrupted by SIGINT');
    });
    await expect(settleThenProbe({ ...base, monitor: interrupted, probe })).rejects.toThrow('SIGINT');
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
  });

  it('probes after the wait when the quiet check was waived (our own merge marker)', async () => {
    const { calls, probe } = countingProbe();
    const monitor = monitorThat(async (options) => {
      options.onNearlyQuiet?.(Date.now() - 500);
      await tick();
      return settled(undefined);
    });
    await settleThenProbe({ ...base, monitor, probe });
    expect(calls).toHaveLength(2);
  });

  it('does not probe when there is nothing to import or the wait gave up', async () => {
    const { calls, probe } = countingProbe();
    let asked = false;
    const quiet = monitorThat(async (options) => {
      asked = options.onNearlyQuiet !== undefined;
      return settled(Date.now() - 750);
    });
    expect(await settleThenProbe({ ...base, modules: [], monitor: quiet, probe })).not.toHaveProperty(
      'probe',
    );
    expect(asked).toBe(false);
    const timedOut = monitorThat(async () => ({
      settled: false,
      waitedMs: 60_000,
      reason: 'x',
      timedOut: true,
    }));
    expect(await settleThenProbe({ ...base, monitor: timedOut, probe })).not.toHaveProperty('probe');
    expect(calls).toHaveLength(0);
  });
});
