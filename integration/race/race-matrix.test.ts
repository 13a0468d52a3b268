import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Interpreter, tempDirs } from '../support/index.js';
import { recordLatency } from './latency.js';
import { full, installerPython, label, smoke, warnUncovered } from './matrix.js';
import { PLUGIN, runProtected, runUnprotected, setUpRace } from './race.js';
import { STYLES, type Style } from './styles.js';

// Real builds racing real merge styles, through the built CLI with the in-process shim off, so the
// wrapper's own retry is what heals them. Each race is first run unwrapped and must break the build.
const temp = tempDirs();
afterAll(() => temp.cleanup());
warnUncovered('race matrix');

async function race(interpreter: Interpreter, style: Style) {
  if (!installerPython) throw new Error('no Python >= 3.6 to run the test installers');
  // Unprotected first: the race must really break this build, or the test proves nothing.
  const bare = await setUpRace(temp, interpreter, style, installerPython);
  const unprotected = await runUnprotected(bare);
  expect(unprotected.exitCode, unprotected.all).not.toBe(0);
  expect(unprotected.all).toMatch(style.error);

  const run = await setUpRace(temp, interpreter, style, installerPython);
  const wrapped = await runProtected(run, style);
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
  recordLatency(`${label(interpreter)} ${style.installer}`, retryStart - wrapped.lastWrite);
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
