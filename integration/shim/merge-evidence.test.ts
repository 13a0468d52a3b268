import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  readJsonLines,
  startSteppedInstaller,
  tempDirs,
  waitForShimEvent,
} from '../support/index.js';
import { shimEnv } from './shim-env.js';

// With window 0 the plugin's metadata (merged before the build started) is no evidence on its own: only an
// installer at work now is. Without one the failure passes straight through; with one the shim waits.
const { found } = await findInterpreters();
const newest = found.filter((i) => atLeast(i.version, '3.6')).at(-1);
const temp = tempDirs();
afterAll(() => temp.cleanup());

async function halfMerged(python: string, firstSteps: string[]) {
  const venv = await makeVenv(python, await temp.make('venv'));
  const image = await makePluginImage(await temp.make('image'), { name: 'slowplug' });
  const installer = startSteppedInstaller(image.dir, venv.sitePackages);
  await installer.step(...firstSteps);
  const project = await makeProject(await temp.make('project'));
  const vdb = await temp.make('vdb');
  const events = join(project.dir, 'events.jsonl');
  const env = shimEnv([venv.sitePackages], events, {
    PLUGIN_SETTLE_WINDOW_MS: '0',
    PLUGIN_SETTLE_PORTAGE_VDB: vdb,
  });
  const build = () =>
    execa(venv.python, ['setup.py', '-q', 'egg_info'], { cwd: project.dir, env, reject: false });
  return { installer, vdb, events, build };
}

describe.skipIf(!newest)(`merge evidence, Python ${newest?.version}`, () => {
  it('without an installer at work the failure is not a race: passed through at once', async () => {
    const race = await halfMerged(newest!.python, ['metadata']);
    const result = await race.build();
    await race.installer.close();
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/No module named '?slowplug/);
    // Let through, then recorded again as the exception that ended the build.
    expect((await readJsonLines(race.events)).map((e) => e.event)).toEqual(['passed', 'exception']);
  });

  it("waits while Portage's -MERGING- directory exists, then loads the plugin", async () => {
    const race = await halfMerged(newest!.python, ['metadata']);
    const merging = join(race.vdb, 'dev-python', '-MERGING-slowplug-1.0');
    await mkdir(merging, { recursive: true });
    const build = race.build();
    const waiting = await waitForShimEvent(race.events, 'waiting');
    expect(waiting.evidence).toContain(merging);
    await race.installer.step('code', 'finish');
    await rm(merging, { recursive: true });
    const result = await build;
    await race.installer.close();
    expect(result.exitCode).toBe(0);
    expect((await readJsonLines(race.events)).map((e) => e.event)).toEqual(['waiting', 'healed']);
  });

  it("waits while plugin-settle's merge marker is held, then loads the plugin", async () => {
    const race = await halfMerged(newest!.python, ['marker', 'metadata']);
    const build = race.build();
    const waiting = await waitForShimEvent(race.events, 'waiting');
    expect(String((waiting.evidence as string[])[0])).toMatch(/\.plugin-settle-merge$/);
    await race.installer.step('code', 'finish');
    const result = await build;
    await race.installer.close();
    expect(result.exitCode).toBe(0);
    expect((await readJsonLines(race.events)).map((e) => e.event)).toEqual(['waiting', 'healed']);
  });
});
