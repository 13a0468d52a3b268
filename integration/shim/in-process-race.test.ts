import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  type PluginGroup,
  readJsonLines,
  startSteppedInstaller,
  tempDirs,
  waitForShimEvent,
} from '../support/index.js';
import { plainEnv, shimEnv } from './shim-env.js';

// The shim alone (PYTHONPATH + the protocol's variables, no wrapper) heals a plugin merged mid-build:
// the build waits inside the failed entry-point load and succeeds in its one and only run.
const { found, skipped } = await findInterpreters();
const pythons = found.filter((i) => atLeast(i.version, '3.6'));
const temp = tempDirs();
afterAll(() => temp.cleanup());

if (skipped.length)
  console.warn(`in-process race: skipped ${skipped.map((s) => `${s.python} (${s.reason})`).join(', ')}`);

interface Race {
  group: PluginGroup;
  layout: 'egg-info' | 'dist-info';
  /** Steps before the build starts (default: the metadata alone) and how the bare build then dies. */
  first?: string[];
  /** The installer leaves a temp name from the metadata on: it shows it is at work. */
  busy?: boolean;
  error?: RegExp;
  /** Steps after the shim reported it waits: the installer may pause longer than the settle time. */
  rest: string[];
}

const WRITERS: Race = { group: 'egg_info.writers', layout: 'egg-info', rest: ['code', 'finish'] };
// It shows it is at work (a temp name) through its pause: without a sign, a pause past the settle time
// is a crashed install.
const PAUSING: Race = {
  group: 'egg_info.writers',
  layout: 'dist-info',
  busy: true,
  rest: ['pause 2000', 'code', 'finish'],
};
const FINDERS: Race = { group: 'setuptools.file_finders', layout: 'egg-info', rest: ['code', 'finish'] };
const COMMANDS: Race = { group: 'distutils.commands', layout: 'dist-info', rest: ['code', 'finish'] };
// The module file is there but cut short mid-statement: a SyntaxError under the watched root.
const TRUNCATED: Race = {
  group: 'egg_info.writers',
  layout: 'egg-info',
  first: ['metadata', 'truncate racyplug/__init__.py 100', 'truncate racyplug/hooks.py 140'],
  error: /SyntaxError|IndentationError/,
  rest: ['code', 'finish'],
};

async function setUp(python: string, race: Race) {
  const venv = await makeVenv(python, await temp.make('venv'));
  const project = await makeProject(await temp.make('project'));
  const image = await makePluginImage(await temp.make('image'), {
    name: 'racyplug',
    groups: [race.group],
    layout: race.layout,
  });
  const installer = startSteppedInstaller(image.dir, venv.sitePackages);
  const args =
    race.group === 'distutils.commands' ? ['setup.py', image.command] : ['setup.py', '-q', 'egg_info'];
  return { venv, project, image, installer, args };
}

async function proofOfTrace(race: Race, project: string, image: Awaited<ReturnType<typeof makePluginImage>>) {
  if (race.group === 'egg_info.writers')
    return readFile(join(project, 'demo_project.egg-info', image.writerFile), 'utf8');
  if (race.group === 'distutils.commands') return readFile(join(project, image.commandFile), 'utf8');
  return readFile(join(project, image.finderFile), 'utf8');
}

describe.each(
  pythons.map((p) => [`Python ${p.version} (setuptools ${p.setuptoolsVersion})`, p.python] as const),
)('in-process shim alone, %s', (_label, python) => {
  // The pausing installer on the oldest and newest (pkg_resources and importlib.metadata loaders);
  // the other groups on the newest. Every interpreter gets the race of Gentoo bug 663324.
  const ends = [pythons[0]?.python, pythons.at(-1)?.python];
  const races = ends.includes(python) ? [WRITERS, PAUSING] : [WRITERS];
  const extra = python === pythons.at(-1)?.python ? [FINDERS, COMMANDS, TRUNCATED] : [];
  it.each(
    [...races, ...extra].map(
      (r) =>
        [
          `${r.group} (${r.layout}${r.first ? ', module cut short' : ''}; then ${r.rest.join(', ')})`,
          r,
        ] as const,
    ),
  )('heals %s in one run', async (_name, race) => {
    // Unprotected first: the race must really break this build, or the test proves nothing.
    const bare = await setUp(python, race);
    await bare.installer.step('metadata');
    const unprotected = await execa(bare.venv.python, bare.args, {
      cwd: bare.project.dir,
      env: plainEnv,
      reject: false,
    });
    await bare.installer.close();
    expect(unprotected.exitCode).not.toBe(0);
    expect(unprotected.stderr).toMatch(/No module named '?racyplug/);

    const run = await setUp(python, race);
    const events = join(run.project.dir, 'events.jsonl');
    await run.installer.step('metadata', ...(race.busy ? ['busy'] : []));
    const build = execa(run.venv.python, run.args, {
      cwd: run.project.dir,
      env: shimEnv([run.venv.sitePackages], events),
      reject: false,
    });
    const waiting = await waitForShimEvent(events, 'waiting');
    expect(waiting).toMatchObject({ group: race.group, module: 'racyplug.hooks' });
    await run.installer.step(...race.rest);
    const result = await build;
    await run.installer.close();
    expect(result.stderr).not.toMatch(/Traceback/);
    expect(result.exitCode).toBe(0);
    expect(await proofOfTrace(race, run.project.dir, run.image)).toMatch(/racyplug/);
    const kinds = (await readJsonLines(events)).map((e) => e.event);
    expect(kinds).toEqual(['waiting', 'healed']);
  });
});
