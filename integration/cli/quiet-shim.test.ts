import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../cli.js';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  startSteppedInstaller,
  tempDirs,
  waitFor,
  waitForShimEvent,
} from '../support/index.js';

// `run -q` silences the in-process shim's lines too: the shim runs inside the build and reads
// PLUGIN_SETTLE_QUIET=1. The same healed race without -q shows the line, so the silence is -q's.
const { found } = await findInterpreters();
const python = found.filter((i) => atLeast(i.version, '3.6')).at(-1)?.python;
const temp = tempDirs();
afterAll(() => temp.cleanup());

async function healedRace(quiet: boolean) {
  const image = await makePluginImage(await temp.make('image'), { name: 'quietplug', layout: 'dist-info' });
  const venv = await makeVenv(python as string, await temp.make('venv'));
  const installer = startSteppedInstaller(image.dir, venv.sitePackages);
  const project = await makeProject(await temp.make('project'));
  // The wrapper puts the shim's events file in its TMPDIR: a private one makes it findable.
  const tmp = await temp.make('tmp');
  const report = join(project.dir, 'report.json');
  await installer.step('metadata');
  const flags = quiet ? ['-q'] : [];
  const wrapped = execa(
    process.execPath,
    [CLI, 'run', ...flags, '--report', report, '--', venv.python, 'setup.py', '-q', 'egg_info'],
    { cwd: project.dir, env: { PYTHONPATH: '', TMPDIR: tmp }, reject: false },
  );
  const events = await waitFor('the wrapper to make its events file', async () => {
    const name = (await readdir(tmp)).find((n) => n.startsWith('plugin-settle-events.'));
    return name ? join(tmp, name) : undefined;
  });
  await waitForShimEvent(events, 'waiting');
  await installer.step('code', 'finish');
  await installer.close();
  const result = await wrapped;
  const written = JSON.parse(await readFile(report, 'utf8'));
  return { result, written };
}

describe.skipIf(!python)('run -q and the in-process shim', () => {
  it('without -q the shim says it waits; with -q the same healed race prints no line of ours', async () => {
    const loud = await healedRace(false);
    expect(loud.result.exitCode, loud.result.stderr).toBe(0);
    expect(loud.result.stderr).toMatch(/^plugin-settle: .*waiting for the merge to settle/m);

    const quiet = await healedRace(true);
    expect(quiet.result.exitCode, quiet.result.stderr).toBe(0);
    expect(quiet.written.inProcess.map((e: { event: string }) => e.event)).toEqual(['waiting', 'healed']);
    expect(quiet.result.stderr).not.toMatch(/^plugin-settle:/m);
  });
});
