import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Report } from '../../src/report/types.js';
import {
  type Interpreter,
  makePluginImage,
  makeProject,
  readJsonLines,
  type tempDirs,
  waitFor,
} from '../support/index.js';
import { type RaceInstaller, startRaceInstaller } from './installer.js';
import { makeSite, type Site } from './site.js';
import { GROUPS, type Style } from './styles.js';
import { readReport, startWrapper } from './wrapper.js';

export const PLUGIN = 'racyplug';

export interface Race {
  site: Site;
  project: string;
  installer: RaceInstaller;
  /** The build: egg_info, sdist and build of a setup.py project, plus the plugin's command if asked. */
  args: string[];
  /** A fake Portage EROOT (empty but for what the Portage-like installer makes), for every build. */
  env: Record<string, string>;
}

/** A fresh site, project, plugin image and installer: one run of one race. */
export async function setUpRace(
  temp: ReturnType<typeof tempDirs>,
  interpreter: Interpreter,
  style: Style,
  installerPython: string,
): Promise<Race> {
  const site = await makeSite(interpreter, await temp.make('race-site'));
  const project = (await makeProject(await temp.make('race-project'))).dir;
  const image = await makePluginImage(await temp.make('race-image'), {
    name: PLUGIN,
    groups: GROUPS,
    layout: style.layout,
  });
  const eroot = await temp.make('race-eroot');
  const extra = style.installer === 'portage_like' ? [eroot] : [];
  const installer = startRaceInstaller(installerPython, style.installer, [image.dir, site.root, ...extra]);
  for (const step of style.before) await installer.step(step);
  const args = [
    'setup.py',
    '-q',
    'egg_info',
    'sdist',
    'build',
    ...(style.runsCommand ? [image.command] : []),
  ];
  return { site, project, installer, args, env: { ...site.env, EROOT: eroot } };
}

/** The build alone, against a half-merged plugin: it must fail, or the race did not happen. */
export async function runUnprotected(race: Race) {
  await race.installer.step('metadata');
  try {
    const result = await execa(race.site.python, race.args, {
      cwd: race.project,
      env: race.env,
      reject: false,
      all: true,
      timeout: 120_000,
    });
    await race.installer.step('code');
    return result;
  } finally {
    await race.installer.close();
  }
}

export interface Protected {
  code: number | null;
  stderr: string;
  report: Report;
  /** When the installer wrote last (ms since epoch). */
  lastWrite: number;
  /** The wrapper's first stderr line about the failed attempt or the wait. */
  firstLine: string;
  /** Whether the wrapper was still running when the installer resumed. */
  waitedForInstaller: boolean;
}

/**
 * metadata → start the wrapper → its "attempt 1 failed"/"waiting for" line → (pause) → code → its exit.
 * The wrapper's own words say when the installer may go on: no sleeps decide the order.
 */
/**
 * How the wrapper learns what failed. `records`: the shim records each failure in the build's Pythons
 * (PLUGIN_SETTLE_HEAL=0: it records but never waits, so the wrapper's retry is what heals the race).
 * `tail`: --no-inprocess, nothing of ours in Python; the traceback is read from the stderr we pipe.
 */
export type Evidence = 'records' | 'tail';

export async function runProtected(
  race: Race,
  style: Style,
  extraArgs: string[] = [],
  evidence: Evidence = 'records',
): Promise<Protected> {
  const reportFile = join(race.project, 'report.json');
  await race.installer.step('metadata');
  const wrapper = startWrapper(
    [
      'run',
      ...(evidence === 'tail' ? ['--no-inprocess'] : []),
      // Every decision with its evidence on stderr: what a failing test shows.
      '--verbose',
      '--report',
      reportFile,
      ...race.site.watchArgs,
      ...extraArgs,
      '--',
      race.site.python,
      ...race.args,
    ],
    { cwd: race.project, env: evidence === 'records' ? { ...race.env, PLUGIN_SETTLE_HEAL: '0' } : race.env },
  );
  try {
    const firstLine = await wrapper.line(/plugin-settle: (attempt 1 failed|waiting for)/);
    if (style.pauseMs) {
      await wrapper.line(/plugin-settle: waiting for .*(to be complete|merge in progress)/);
      await race.installer.step(`pause ${style.pauseMs}`);
    }
    const waitedForInstaller = !wrapper.exited;
    const lastWrite = await race.installer.step('code');
    const { code, stderr } = await wrapper.done();
    if (!existsSync(reportFile)) throw new Error(`no report was written; stderr:\n${stderr}`);
    return { code, stderr, report: await readReport(reportFile), lastWrite, firstLine, waitedForInstaller };
  } catch (error) {
    const report = existsSync(reportFile) ? await readFile(reportFile, 'utf8') : '(none written)';
    throw new Error(`${(error as Error).message}\nreport: ${report}`);
  } finally {
    wrapper.kill();
    await race.installer.close();
  }
}

/**
 * The same race with the in-process shim on (the default): metadata → start the wrapper → the shim's
 * "waiting" event in the events file the wrapper names (found under the TMPDIR we give it) → code.
 */
export async function runHealedInProcess(race: Race, tmp: string) {
  const reportFile = join(race.project, 'report.json');
  await race.installer.step('metadata');
  const wrapper = startWrapper(
    ['run', '--report', reportFile, ...race.site.watchArgs, '--', race.site.python, ...race.args],
    { cwd: race.project, env: { ...race.env, TMPDIR: tmp } },
  );
  try {
    const waiting = await waitFor(
      "the in-process shim's waiting event",
      async () => {
        const events = (await readdir(tmp)).filter((name) => /^plugin-settle-events\..*\.jsonl$/.test(name));
        const all = (await Promise.all(events.map((name) => readJsonLines(join(tmp, name))))).flat();
        return all.find((event) => event.event === 'waiting') ?? (wrapper.exited ? exitedEarly() : undefined);
      },
      60_000,
    );
    await race.installer.step('code');
    const { code, stderr } = await wrapper.done();
    return { code, stderr, waiting, report: await readReport(reportFile) };
  } finally {
    wrapper.kill();
    await race.installer.close();
  }
}

function exitedEarly(): never {
  throw new Error('plugin-settle exited before the in-process shim waited');
}
