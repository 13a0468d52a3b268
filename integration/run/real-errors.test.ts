import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../merge/helpers.js';
import { atLeast, findInterpreters, makeProject, makeVenv, tempDirs, type Venv } from '../support/index.js';

// Issue 15, cases 2 and 4: real errors right after an install get their answer after one attempt and
// within the settle time, instead of identical retries or a wait for stale-after.
const { found } = await findInterpreters();
const interpreter = found.find((i) => atLeast(i.version, '3.8'));
const temp = tempDirs();
afterAll(() => temp.cleanup());

let venv: Venv;
let project: string;
beforeEach(async () => {
  if (!interpreter) return;
  venv = await makeVenv(interpreter.python, await temp.make('real-errors-venv'));
  project = (await makeProject(await temp.make('real-errors-project'))).dir;
});

async function install(files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(dirname(join(venv.sitePackages, rel)), { recursive: true });
    await writeFile(join(venv.sitePackages, rel), text);
  }
}

/** `run` over the build; the report says how many attempts and what was decided. */
async function wrapped(args: string[], options: string[] = []) {
  const reportFile = join(project, 'report.json');
  const started = Date.now();
  const result = await runCli(
    ['run', '--no-inprocess', '--verbose', '--report', reportFile, ...options, '--', venv.python, ...args],
    {},
    project,
  );
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as Report;
  return { ...result, report, ms: Date.now() - started };
}

// A plugin installed a moment ago: its changes are within --window, so the failure looks like a race
// until the probe asks for exactly what failed.
const BROKENPLUG = {
  'brokenplug/__init__.py': 'def writer(cmd, basename, filename):\n    pass\n',
  'brokenplug-1.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: brokenplug\nVersion: 1.0\n',
  'brokenplug-1.0.dist-info/top_level.txt': 'brokenplug\n',
  'brokenplug-1.0.dist-info/entry_points.txt': '[egg_info.writers]\nbroken.txt = brokenplug:nosuchattr\n',
  'brokenplug-1.0.dist-info/RECORD':
    'brokenplug/__init__.py,,\nbrokenplug-1.0.dist-info/METADATA,,\nbrokenplug-1.0.dist-info/RECORD,,\n',
};

describe.skipIf(!interpreter)(`real errors right after an install (Python ${interpreter?.version})`, () => {
  it('`from brokenplug import nosuchname`: one attempt, not-a-race', async () => {
    await install(BROKENPLUG);
    const run = await wrapped(['-c', 'from brokenplug import nosuchname']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.report.result, run.stderr).toBe('not-a-race');
    expect(run.report.attempts).toHaveLength(1);
    expect(run.stderr).toMatch(/`from brokenplug import nosuchname` still fails/);
    expect(run.ms, 'a hang-catcher: the answer comes after one settle time').toBeLessThan(3000);
  });

  it('an entry point brokenplug:nosuchattr loaded by egg_info: one attempt, not-a-race', async () => {
    await install(BROKENPLUG);
    const run = await wrapped(['setup.py', '-q', 'egg_info']);
    expect(run.code, run.stderr).not.toBe(0);
    expect(run.stderr).toMatch(/has no attribute 'nosuchattr'/);
    expect(run.report.result, run.stderr).toBe('not-a-race');
    expect(run.report.attempts).toHaveLength(1);
    expect(run.stderr).toMatch(/`from brokenplug import nosuchattr` still fails/);
    expect(run.ms, 'a hang-catcher: the answer comes after one settle time').toBeLessThan(3000);
  });
});

// A crashed `pip install`: the metadata (RECORD and all) landed a moment ago, the code never will.
const CRASHEDPLUG = {
  'crashedplug-1.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: crashedplug\nVersion: 1.0\n',
  'crashedplug-1.0.dist-info/top_level.txt': 'crashedplug\n',
  'crashedplug-1.0.dist-info/entry_points.txt': '[egg_info.writers]\ncrashed.txt = crashedplug:writer\n',
  'crashedplug-1.0.dist-info/RECORD':
    'crashedplug/__init__.py,sha256=x,42\ncrashedplug-1.0.dist-info/METADATA,,\ncrashedplug-1.0.dist-info/RECORD,,\n',
};

describe.skipIf(!interpreter)(
  `a broken install, no installer at work (Python ${interpreter?.version})`,
  () => {
    it('metadata without code, nothing moving: not-a-race after one attempt, naming the broken install', async () => {
      await install(CRASHEDPLUG);
      // --max-wait below stale-after: the old rule waited for the metadata to be 60 s old.
      const run = await wrapped(['setup.py', '-q', 'egg_info'], ['--max-wait', '20000']);
      expect(run.code, run.stderr).not.toBe(0);
      expect(run.stderr).toMatch(/No module named 'crashedplug'/);
      expect(run.report.result, run.stderr).toBe('not-a-race');
      expect(run.report.attempts).toHaveLength(1);
      expect(run.stderr).toMatch(
        /crashedplug is a broken install \(.*crashedplug-1\.0\.dist-info is there, crashedplug\/__init__\.py is not/,
      );
      expect(run.ms, 'a hang-catcher: the answer comes after one settle time').toBeLessThan(3000);
    });
  },
);
