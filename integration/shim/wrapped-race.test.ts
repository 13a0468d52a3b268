import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { assertValidReport } from '../report/validate.js';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  startSteppedInstaller,
  tempDirs,
  waitFor,
} from '../support/index.js';

// `plugin-settle run` with its in-process shim: the plugin merged mid-build is healed inside the one
// Python process, so the report shows a single attempt and the shim's healed event.
const CLI = fileURLToPath(new URL('../../bin/plugin-settle.js', import.meta.url));
const { found } = await findInterpreters();
const pythons = found.filter((i) => atLeast(i.version, '3.6'));
const edges = [...new Set([pythons[0], pythons.at(-1)])].filter((p) => p !== undefined);
const temp = tempDirs();
afterAll(() => temp.cleanup());

describe.each(
  edges.map((p) => [`Python ${p.version} (setuptools ${p.setuptoolsVersion})`, p.python] as const),
)('wrapped build, %s', (_label, python) => {
  it.each([
    ['code right away', ['code', 'finish']],
    // At work through its pause (a temp name): with no sign of an installer, a pause past the settle
    // time is a crashed install (issue 15).
    ['an installer pausing 2 s between metadata and code', ['pause 2000', 'code', 'finish']],
  ])('heals an egg_info.writers plugin merged mid-build (%s) in one attempt', async (_name, rest) => {
    const image = await makePluginImage(await temp.make('image'), { name: 'wrapplug', layout: 'dist-info' });

    // Unprotected first: the same half-merged tree breaks the bare build.
    const bare = await makeVenv(python, await temp.make('venv'));
    const bareInstaller = startSteppedInstaller(image.dir, bare.sitePackages);
    await bareInstaller.step('metadata');
    await bareInstaller.close();
    const bareProject = await makeProject(await temp.make('project'));
    const unprotected = await execa(bare.python, ['setup.py', '-q', 'egg_info'], {
      cwd: bareProject.dir,
      env: { PYTHONPATH: '' },
      reject: false,
    });
    expect(unprotected.exitCode).not.toBe(0);
    expect(unprotected.stderr).toMatch(/No module named '?wrapplug/);

    const venv = await makeVenv(python, await temp.make('venv'));
    const installer = startSteppedInstaller(image.dir, venv.sitePackages);
    const project = await makeProject(await temp.make('project'));
    const report = join(project.dir, 'report.json');
    await installer.step('metadata', 'busy');
    const wrapped = execa(
      'node',
      [CLI, 'run', '--report', report, '--', venv.python, 'setup.py', '-q', 'egg_info'],
      {
        cwd: project.dir,
        env: { PYTHONPATH: '' },
        reject: false,
      },
    );
    let stderr = '';
    wrapped.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await waitFor('the in-process shim saying it waits (on the wrapper stderr)', async () =>
      /waiting for the merge to settle/.test(stderr) ? true : undefined,
    );
    await installer.step(...rest);
    await installer.close();
    const result = await wrapped;
    expect(result.exitCode).toBe(0);
    expect(await readFile(join(project.eggInfo, image.writerFile), 'utf8')).toBe('wrapplug was loaded\n');
    const written = JSON.parse(await readFile(report, 'utf8'));
    assertValidReport(written);
    expect(written.result).toBe('succeeded');
    expect(written.attempts).toHaveLength(1);
    expect(written.inProcess.map((e) => e.event)).toEqual(['waiting', 'healed']);
    expect(written.inProcess[1]).toMatchObject({ group: 'egg_info.writers', module: 'wrapplug.hooks' });
  });
});
