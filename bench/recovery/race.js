// @ts-check
// One measured race: a plugin half merged by one installer style, a wrapped build that falls into it, and
// the time from the installer's last write to the recovery (the retry's start, or the shim's healed load).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePluginImage, makeProject } from './fixtures.js';
import { startInstaller } from './installer.js';
import { benchPython, makeVenv } from './python.js';
import { GROUPS } from './styles.js';
import { readReport, startWrapper } from './wrapper.js';

const PLUGIN = 'racyplug';
const FIRST_FAILURE = /plugin-settle: (attempt 1 failed|waiting for)/;
const SHIM_WAITS = /waiting for the merge to settle|plugin-settle: attempt 1 failed/;

/**
 * @param {import('./styles.js').Style} style
 * @param {'retry' | 'shim'} mode retry: `--no-inprocess`, the wrapper's own retry heals; shim: in-process heal
 * @param {number} settleMs
 * @returns {Promise<{ latencyMs: number, healedInProcess: boolean, attempts: number, exitCode: number | null }>}
 */
export async function measureRace(style, mode, settleMs) {
  const dir = mkdtempSync(join(tmpdir(), `bench-recovery-${style.installer}-`));
  try {
    const venv = makeVenv(join(dir, 'venv'));
    const project = makeProject(join(dir, 'project'));
    const image = makePluginImage(join(dir, 'image'), { name: PLUGIN, groups: GROUPS, layout: style.layout });
    const eroot = join(dir, 'eroot');
    mkdirSync(eroot);
    const extra = style.installer === 'portage_like' ? [eroot] : [];
    const installer = startInstaller(benchPython(), style.installer, [
      image.dir,
      venv.sitePackages,
      ...extra,
    ]);
    for (const step of style.before) await installer.step(step);
    await installer.step('metadata');
    const reportFile = join(dir, 'report.json');
    const build = [
      'setup.py',
      '-q',
      'egg_info',
      'sdist',
      'build',
      ...(style.runsCommand ? [image.command] : []),
    ];
    const options = [
      '--settle',
      String(settleMs),
      '--report',
      reportFile,
      ...(mode === 'retry' ? ['--no-inprocess'] : []),
    ];
    const wrapper = startWrapper(['run', ...options, '--', venv.python, ...build], {
      cwd: project.dir,
      env: { PYTHONPATH: '', EROOT: eroot },
    });
    await wrapper.line(mode === 'retry' ? FIRST_FAILURE : SHIM_WAITS);
    if (style.pauseMs) {
      if (mode === 'retry') await wrapper.line(/plugin-settle: waiting for .*to be complete/);
      await installer.step(`pause ${style.pauseMs}`);
    }
    if (wrapper.exited)
      throw new Error(`${style.installer}/${mode}: the wrapper gave up before the merge ended`);
    const lastWrite = await installer.step('code');
    const { code, stderr } = await wrapper.done();
    await installer.close();
    const report = readReport(reportFile);
    if (code !== 0)
      throw new Error(`${style.installer}/${mode}: the wrapped build failed (${code}):\n${stderr}`);
    const healed = report.inProcess.find((/** @type {{ event: string }} */ e) => e.event === 'healed');
    const retry = report.attempts[1];
    const recovered =
      mode === 'shim' && healed ? Date.parse(healed.t) : retry ? Date.parse(retry.started) : Number.NaN;
    if (Number.isNaN(recovered))
      throw new Error(`${style.installer}/${mode}: no retry and no healed load in the report`);
    return {
      latencyMs: recovered - lastWrite,
      healedInProcess: Boolean(healed),
      attempts: report.attempts.length,
      exitCode: code,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
