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

function countingProbe() {
  const calls: number[] = [];
  const probe = async (): Promise<ProbeResult> => {
    calls.push(Date.now());
    return { ok: true, modules: ['pbr'] };
  };
  return { calls, probe };
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
    expect(outcome).toMatchObject({ probe: { ok: true }, probeEarly: true });
  });

  it('probes again when the final quiet window opened after the early probe began', async () => {
    const { calls, probe } = countingProbe();
    const monitor = monitorThat(async (options) => {
      options.onNearlyQuiet?.(Date.now() - 500);
      await tick();
      // Something moved after the probe started: the window the final look saw begins later.
      return settled(Date.now());
    });
    const outcome = await settleThenProbe({ ...base, monitor, probe });
    expect(calls).toHaveLength(2);
    expect(outcome.probeEarly).toBe(false);
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
    expect(outcome.probeEarly).toBe(true);
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
