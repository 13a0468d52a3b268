import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRaceDecision } from '../../src/run/race-decision.js';
import type { AttemptResult } from '../../src/run/types.js';
import type { Change, Monitor, SettleOutcome } from '../../src/watch/index.js';

const MISSING_PBR = `Traceback (most recent call last):
  File "setup.py", line 3, in <module>
    setup(name='x')
  File "/venv/lib/python3.11/site-packages/setuptools/command/egg_info.py", line 300, in run
    writer = ep.load()
  File "/usr/lib/python3.11/importlib/metadata/__init__.py", line 202, in load
    module = import_module(match.group('module'))
ModuleNotFoundError: No module named 'pbr'
`;

function attempt(tail: string, exitCode = 1): AttemptResult {
  return {
    n: 1,
    started: Date.now() - 1000,
    ended: Date.now(),
    exitCode,
    signal: null,
    interrupted: false,
    tail: Buffer.from(tail),
  };
}

function fakeMonitor(state: {
  roots?: string[];
  changes?: Change[];
  merges?: Monitor extends { mergesInProgress(): Promise<infer M> } ? M : never;
  settle?: SettleOutcome;
}): Monitor & { settleCalls: number } {
  const monitor = {
    roots: state.roots ?? ['/venv/lib/python3.11/site-packages'],
    ready: Promise.resolve(),
    settleCalls: 0,
    changesSince: async () => state.changes ?? [],
    mergesInProgress: async () => state.merges ?? [],
    incomplete: async () => [],
    waitForSettled: async () => {
      monitor.settleCalls++;
      return state.settle ?? { settled: true, waitedMs: 10, reason: 'quiet', timedOut: false };
    },
    close: async () => {},
  };
  return monitor;
}

const base = {
  python: 'python3',
  cwd: '/',
  windowMs: 5000,
  settleMs: 750,
  maxWaitMs: 120_000,
  evidence: 'relevant' as const,
};
const change: Change = {
  path: '/venv/lib/python3.11/site-packages/pbr',
  kind: 'addDir',
  time: Date.now() - 500,
  source: 'journal',
};
const signal = new AbortController().signal;

const failingProbe = async (_python: string, modules: string[]) => ({
  ok: false,
  modules,
  failed: 'pbr',
  error: "ModuleNotFoundError: No module named 'pbr'",
});

/** A root where one distribution declares `entryPoints`, and pip's stash of pbr declares pbr. */
const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function declaring(entryPoints: string, stash = '~br-5.0.dist-info'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ps-declared-'));
  made.push(root);
  await mkdir(join(root, 'holder-1.0.dist-info'));
  await writeFile(join(root, 'holder-1.0.dist-info/entry_points.txt'), entryPoints);
  await mkdir(join(root, stash));
  await writeFile(join(root, stash, 'entry_points.txt'), '[egg_info.writers]\npbr.json = pbr.pbr_json:w\n');
  return root;
}

describe('the race decision', () => {
  it('fails an unrelated failure without asking the monitor', async () => {
    let asked = false;
    const decide = createRaceDecision({
      ...base,
      monitor: async () => {
        asked = true;
        return fakeMonitor({});
      },
    });
    const decision = await decide({
      attempt: attempt('gcc: error: foo.c: No such file\nerror: command gcc failed\n'),
      retriesLeft: 3,
      signal,
    });
    expect(decision).toMatchObject({ action: 'fail', result: 'failed' });
    expect(asked).toBe(false);
  });

  it('calls an import failure with nothing moving not-a-race, in one honest line', async () => {
    const decide = createRaceDecision({ ...base, monitor: async () => fakeMonitor({}) });
    const decision = await decide({ attempt: attempt(MISSING_PBR), retriesLeft: 3, signal });
    expect(decision).toMatchObject({ action: 'fail', result: 'not-a-race' });
    expect(decision.reason).toBe(
      "ModuleNotFoundError: No module named 'pbr' and /venv/lib/python3.11/site-packages has not changed in 5 s: a missing dependency, not a merge race",
    );
  });

  it('retries an import failure with relevant changes, after settling and a passing probe', async () => {
    const monitor = fakeMonitor({ changes: [change] });
    const probed: string[][] = [];
    const decide = createRaceDecision({
      ...base,
      monitor: async () => monitor,
      probe: async (_py, modules) => {
        probed.push(modules);
        return { ok: true, modules };
      },
    });
    const decision = await decide({ attempt: attempt(MISSING_PBR), retriesLeft: 3, signal });
    expect(decision.action).toBe('retry');
    expect(decision.details?.evidence?.changes).toHaveLength(1);
    if (decision.action !== 'retry') return;
    const prepared = await decision.prepare!(signal);
    expect(prepared).toMatchObject({ proceed: true });
    expect(monitor.settleCalls).toBe(1);
    expect(probed).toEqual([['pbr']]);
  });

  it('a live merge marker is evidence even when no file moved yet', async () => {
    const decide = createRaceDecision({
      ...base,
      monitor: async () =>
        fakeMonitor({
          merges: [{ kind: 'portage', path: '/var/db/pkg/dev-python/-MERGING-pbr-6', stale: false }],
        }),
    });
    const decision = await decide({ attempt: attempt(MISSING_PBR), retriesLeft: 3, signal });
    expect(decision.action).toBe('retry');
    expect(decision.reason).toMatch(/portage is merging/);
  });

  it('a stale marker is named, never waited on', async () => {
    const decide = createRaceDecision({
      ...base,
      monitor: async () =>
        fakeMonitor({
          merges: [{ kind: 'plugin-settle', path: '/sp/.plugin-settle-merge', pid: 99999, stale: true }],
        }),
    });
    const decision = await decide({ attempt: attempt(MISSING_PBR), retriesLeft: 3, signal });
    expect(decision).toMatchObject({ action: 'fail', result: 'not-a-race' });
    expect(decision.reason).toMatch(/stale plugin-settle marker/);
  });

  it('when the import still fails once settled and the plugin is still declared, it was not a race', async () => {
    const root = await declaring('[egg_info.writers]\npbr.json = pbr.pbr_json:write_pbr_json\n');
    const decide = createRaceDecision({
      ...base,
      monitor: async () => fakeMonitor({ roots: [root], changes: [change] }),
      probe: failingProbe,
    });
    const decision = await decide({ attempt: attempt(MISSING_PBR), retriesLeft: 3, signal });
    if (decision.action !== 'retry') throw new Error('expected a retry decision');
    expect(await decision.prepare!(signal)).toMatchObject({ proceed: false, result: 'not-a-race' });
  });

  it('when nothing declares the plugin any more, an uninstall raced the load: retry', async () => {
    // pip's stash of the old metadata is an installer's leftover, not a declaring distribution.
    const root = await declaring('[egg_info.writers]\nother.json = other:write\n', '~br-5.0.dist-info');
    const decide = createRaceDecision({
      ...base,
      monitor: async () => fakeMonitor({ roots: [root], changes: [change] }),
      probe: failingProbe,
    });
    const decision = await decide({ attempt: attempt(MISSING_PBR), retriesLeft: 3, signal });
    if (decision.action !== 'retry') throw new Error('expected a retry decision');
    expect(await decision.prepare!(signal)).toMatchObject({
      proceed: true,
      note: expect.stringMatching(/nothing installed declares an entry point in pbr any more/),
    });
  });

  it('gives up the wait at max-wait and says what it was waiting for', async () => {
    const decide = createRaceDecision({
      ...base,
      monitor: async () =>
        fakeMonitor({
          changes: [change],
          settle: { settled: false, waitedMs: 120_000, reason: 'pbr to be complete', timedOut: true },
        }),
    });
    const decision = await decide({ attempt: attempt(MISSING_PBR), retriesLeft: 3, signal });
    if (decision.action !== 'retry') throw new Error('expected a retry decision');
    const prepared = await decision.prepare!(signal);
    expect(prepared).toMatchObject({ proceed: false, result: 'gave-up' });
    if (!prepared.proceed)
      expect(prepared.reason).toMatch(/gave up waiting after 120\.0 s for pbr to be complete/);
  });
});

describe('the race decision from in-process records', () => {
  const record = (fields: Record<string, unknown>) => ({
    t: new Date().toISOString(),
    pid: 42,
    executable: '/venv/bin/python',
    roots: ['/venv/lib/python3.11/site-packages'],
    ...fields,
  });
  const withRecords = (records: Record<string, unknown>[], tail = '') => ({ ...attempt(tail), records });

  it('classifies the recorded traceback, not the (empty) output', async () => {
    const decide = createRaceDecision({ ...base, monitor: async () => fakeMonitor({}) });
    const decision = await decide({
      attempt: withRecords([
        record({ event: 'exception', type: 'ModuleNotFoundError', name: 'pbr', traceback: MISSING_PBR }),
      ]),
      retriesLeft: 3,
      signal,
    });
    expect(decision).toMatchObject({ action: 'fail', result: 'not-a-race' });
    expect(decision.reason).toMatch(
      /No module named 'pbr' and \/venv\/lib\/python3.11\/site-packages has not/,
    );
  });

  it('takes the first record that is an import failure: the backend under pip, not pip', async () => {
    const pipTrailer =
      'Traceback (most recent call last):\n  File "pip", line 1, in <module>\nSystemError: boom\n';
    const decide = createRaceDecision({ ...base, monitor: async () => fakeMonitor({}) });
    const decision = await decide({
      attempt: withRecords([
        record({
          event: 'exception',
          type: 'ModuleNotFoundError',
          name: 'pbr.version',
          traceback: MISSING_PBR,
        }),
        record({ event: 'exception', type: 'SystemError', traceback: pipTrailer }),
      ]),
      retriesLeft: 3,
      signal,
    });
    // ImportError.name wins over the message's module.
    expect(decision.details?.classification).toMatchObject({ module: 'pbr.version', topLevel: 'pbr' });
  });

  it('a load the shim let through counts when no exception ended a process', async () => {
    const decide = createRaceDecision({ ...base, monitor: async () => fakeMonitor({ changes: [change] }) });
    const decision = await decide({
      attempt: withRecords([
        record({
          event: 'passed',
          group: 'egg_info.writers',
          flavour: 'importlib.metadata',
          type: 'ModuleNotFoundError',
          name: 'pbr',
          traceback:
            'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\nModuleNotFoundError: No module named \'pbr\'\n',
        }),
      ]),
      retriesLeft: 3,
      signal,
    });
    expect(decision.action).toBe('retry');
    expect(decision.details?.classification).toMatchObject({
      category: 'missing-module',
      loader: { frame: 'importlib.metadata:EntryPoint.load', group: 'egg_info.writers' },
    });
  });

  it('watches the roots the failing interpreter reported, beside the main ones, if they still exist', async () => {
    const asked: string[][] = [];
    const venv = fakeMonitor({});
    const here = tmpdir();
    const decide = createRaceDecision({
      ...base,
      monitor: async () => ({ ...fakeMonitor({}), roots: ['/usr/lib/python3/dist-packages'] }),
      monitorWith: async (roots) => {
        asked.push(roots);
        return { ...venv, roots: ['/usr/lib/python3/dist-packages', ...roots] };
      },
    });
    const decision = await decide({
      attempt: withRecords([
        record({
          event: 'exception',
          name: 'pbr',
          traceback: MISSING_PBR,
          roots: [here, '/gone/site-packages'],
        }),
      ]),
      retriesLeft: 3,
      signal,
    });
    expect(asked).toEqual([[here]]);
    expect(decision.reason).toContain(
      `site-packages (/usr/lib/python3/dist-packages, ${here}) has not changed`,
    );
  });

  it('a wait the shim began in the attempt shares its deadline with ours', async () => {
    let givenMaxWait = -1;
    const monitor = fakeMonitor({ changes: [change] });
    monitor.waitForSettled = async (options: { maxWaitMs: number }) => {
      givenMaxWait = options.maxWaitMs;
      return { settled: false, waitedMs: 0, reason: 'pbr to be complete', timedOut: true };
    };
    const decide = createRaceDecision({ ...base, maxWaitMs: 3000, monitor: async () => monitor });
    const shimStarted = new Date(Date.now() - 2500).toISOString();
    const decision = await decide({
      attempt: withRecords([
        record({ event: 'waiting', t: shimStarted }),
        record({ event: 'gave-up', t: new Date().toISOString() }),
        record({ event: 'exception', name: 'pbr', traceback: MISSING_PBR }),
      ]),
      retriesLeft: 3,
      signal,
    });
    if (decision.action !== 'retry') throw new Error('expected a retry decision');
    const prepared = await decision.prepare!(signal);
    expect(givenMaxWait).toBeGreaterThanOrEqual(0);
    expect(givenMaxWait).toBeLessThanOrEqual(500);
    expect(prepared).toMatchObject({ proceed: false, result: 'gave-up' });
  });

  it('a wait the shim healed leaves the wrapper its full max-wait', async () => {
    let givenMaxWait = -1;
    const monitor = fakeMonitor({ changes: [change] });
    monitor.waitForSettled = async (options: { maxWaitMs: number }) => {
      givenMaxWait = options.maxWaitMs;
      return { settled: false, waitedMs: 0, reason: 'pbr to be complete', timedOut: true };
    };
    const decide = createRaceDecision({ ...base, maxWaitMs: 3000, monitor: async () => monitor });
    const decision = await decide({
      attempt: withRecords([
        record({ event: 'waiting', t: new Date(Date.now() - 2500).toISOString() }),
        record({ event: 'healed' }),
        record({ event: 'exception', name: 'pbr', traceback: MISSING_PBR }),
      ]),
      retriesLeft: 3,
      signal,
    });
    if (decision.action !== 'retry') throw new Error('expected a retry decision');
    await decision.prepare!(signal);
    expect(givenMaxWait).toBe(3000);
  });
});

describe('the race decision on broken files', () => {
  const truncated = (path: string) => `Traceback (most recent call last):
  File "setup.py", line 3, in <module>
    setup(name='x')
  File "/venv/lib/python3.11/site-packages/setuptools/command/egg_info.py", line 300, in run
    writer = ep.load()
  File "/usr/lib/python3.11/importlib/metadata/__init__.py", line 202, in load
    module = import_module(match.group('module'))
  File "${path}", line 4
    def write(cmd,
              ^
SyntaxError: '(' was never closed
`;

  it('a truncated file outside the watched roots is a real error, whatever moved', async () => {
    const decide = createRaceDecision({ ...base, monitor: async () => fakeMonitor({ changes: [change] }) });
    const decision = await decide({
      attempt: attempt(truncated('/opt/other/lib/python3.11/site-packages/racy/hooks.py')),
      retriesLeft: 3,
      signal,
    });
    expect(decision).toMatchObject({ action: 'fail', result: 'failed' });
    expect(decision.reason).toMatch(/outside the watched site-packages/);
  });

  it('a truncated file under a watched root with changes is retried', async () => {
    const decide = createRaceDecision({ ...base, monitor: async () => fakeMonitor({ changes: [change] }) });
    const decision = await decide({
      attempt: attempt(truncated('/venv/lib/python3.11/site-packages/racy/hooks.py')),
      retriesLeft: 3,
      signal,
    });
    expect(decision.action).toBe('retry');
  });
});
