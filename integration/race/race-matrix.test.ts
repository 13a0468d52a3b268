import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atLeast, type Interpreter, tempDirs } from '../support/index.js';
import { recordLatency } from './latency.js';
import { full, installerPython, label, smoke, warnUncovered } from './matrix.js';
import {
  type Evidence,
  PLUGIN,
  runHealedInProcess,
  runProtected,
  runUnprotected,
  setUpRace,
} from './race.js';
import { STYLES, type Style } from './styles.js';

// Real builds racing real merge styles, through the built CLI with in-process healing off, so the
// wrapper's own retry is what heals them: judged by what the shim recorded inside the build (every
// style, every interpreter, 2.7 included), and by the output tail with the shim off (--no-inprocess).
// Each race is first run unwrapped and must break the build.
const temp = tempDirs();
afterAll(() => temp.cleanup());
warnUncovered('race matrix');

/** `run`'s default settle time, which these races use. */
const SETTLE_MS = 750;

async function race(interpreter: Interpreter, style: Style, judgedFrom: Evidence = 'records') {
  if (!installerPython) throw new Error('no Python >= 3.6 to run the test installers');
  // Unprotected first: the race must really break this build, or the test proves nothing.
  const bare = await setUpRace(temp, interpreter, style, installerPython);
  const unprotected = await runUnprotected(bare);
  expect(unprotected.exitCode, unprotected.all).not.toBe(0);
  expect(unprotected.all).toMatch(style.error);

  const run = await setUpRace(temp, interpreter, style, installerPython);
  const wrapped = await runProtected(run, style, ['--settle', `${SETTLE_MS}`], judgedFrom);
  const { report } = wrapped;
  const context = `${wrapped.stderr}\nreport: ${JSON.stringify(report, null, 2)}`;
  expect(wrapped.waitedForInstaller, context).toBe(true);
  expect(wrapped.code, context).toBe(0);
  expect(report.result, context).toBe('succeeded');
  // Exactly one retry: the wrapper waited for the merge, it did not retry into the same failure.
  expect(
    report.attempts.map((a) => a.exitCode),
    context,
  ).toEqual([1, 0]);
  const [failed, retry] = report.attempts;
  expect(failed?.classification, context).toMatchObject({ category: style.category });
  // Judged by a record of the build's own Python (the exception that ended it), or by the tail.
  if (judgedFrom === 'records')
    expect(failed?.judgedBy, context).toMatchObject({ event: 'exception', executable: run.site.python });
  else expect(failed?.judgedBy, context).toBeUndefined();
  expect(failed?.decision?.action, context).toBe('retry');
  const evidence = failed?.evidence as { changes: { path: string }[]; merges: { kind: string }[] };
  expect(evidence.changes.length + evidence.merges.length, context).toBeGreaterThan(0);
  // Only the plugin's own paths (or its pip stash `~acyplug`) count as relevant.
  expect(
    evidence.changes.every((c) => /[r~]acyplug|\.pth$/.test(c.path)),
    context,
  ).toBe(true);
  for (const kind of style.merges)
    expect(
      evidence.merges.map((m) => m.kind),
      context,
    ).toContain(kind);
  if (style.pauseMs) expect(failed?.waitedMs, context).toBeGreaterThanOrEqual(style.pauseMs);
  // The retry began after the installer's last write, and the build really loaded every plugin hook.
  const retryStart = Date.parse(retry!.started);
  expect(retryStart, context).toBeGreaterThanOrEqual(wrapped.lastWrite);
  // The report's own latency: the retry waited out the whole quiet time after the last change it saw.
  expect(failed?.lastChange, context).toBeDefined();
  expect(failed?.recoveryMs, context).toBeGreaterThanOrEqual(SETTLE_MS);
  const probe = failed?.probe as { modules: string[] } | undefined;
  await recordLatency({
    what: `${label(interpreter)} ${style.installer}`,
    lastWrite: wrapped.lastWrite,
    retryStart,
    settleMs: SETTLE_MS,
    reportedMs: failed?.recoveryMs,
    ...(probe
      ? { probe: { python: run.site.python, modules: probe.modules, cwd: run.project, env: run.env } }
      : {}),
  });
  expect(await readFile(join(run.project, 'demo_project.egg-info', `${PLUGIN}.txt`), 'utf8')).toMatch(PLUGIN);
  expect(await readFile(join(run.project, `${PLUGIN}-finder.txt`), 'utf8')).toMatch(PLUGIN);
  if (style.runsCommand)
    expect(await readFile(join(run.project, `${PLUGIN}-command.txt`), 'utf8')).toMatch(PLUGIN);
}

describe.each(full.map((i) => [label(i), i] as const))('every installer style, %s', (_label, interpreter) => {
  it.each(Object.values(STYLES).map((s) => [s.installer, s] as const))(
    '%s: fails unwrapped, succeeds wrapped after one retry',
    (_name, style) => race(interpreter, style),
  );
});

describe.each(smoke.map((i) => [label(i), i] as const))('smoke race, %s', (_label, interpreter) => {
  it('naive: fails unwrapped, succeeds wrapped after one retry', () => race(interpreter, STYLES.naive));
});

// The fallback where nothing of ours runs in Python: the traceback comes from the stderr tail.
describe.each(
  [...full, ...smoke.filter((i) => i.version.startsWith('2.'))].map((i) => [label(i), i] as const),
)('--no-inprocess (output tail), %s', (_label, interpreter) => {
  it('naive: fails unwrapped, succeeds wrapped after one retry', () =>
    race(interpreter, STYLES.naive, 'tail'));
});

// With the shim on (the default), the same race costs no rebuild: the build waits inside the failed
// plugin load and succeeds in its only attempt. The shim heals on Python 3.6+ only.
const shimmed = [...full, ...smoke].filter((i) => atLeast(i.version, '3.6'));
describe.each(shimmed.map((i) => [label(i), i] as const))('in-process shim on, %s', (_label, interpreter) => {
  it('naive: healed in process, one attempt', async () => {
    if (!installerPython) throw new Error('no Python >= 3.6 to run the test installers');
    const bare = await setUpRace(temp, interpreter, STYLES.naive, installerPython);
    const unprotected = await runUnprotected(bare);
    expect(unprotected.exitCode, unprotected.all).not.toBe(0);
    expect(unprotected.all).toMatch(STYLES.naive.error);

    const run = await setUpRace(temp, interpreter, STYLES.naive, installerPython);
    const healed = await runHealedInProcess(run, await temp.make('tmpdir'));
    const context = `${healed.stderr}\nreport: ${JSON.stringify(healed.report, null, 2)}`;
    expect(healed.code, context).toBe(0);
    expect(healed.report.result, context).toBe('succeeded');
    expect(healed.report.attempts, context).toHaveLength(1);
    expect(healed.waiting, context).toMatchObject({ module: `${PLUGIN}.hooks` });
    expect(
      healed.report.inProcess.map((e) => e.event),
      context,
    ).toEqual(['waiting', 'healed']);
    expect(healed.stderr).not.toMatch(/Traceback/);
    expect(await readFile(join(run.project, `${PLUGIN}-command.txt`), 'utf8')).toMatch(PLUGIN);
  });
});
