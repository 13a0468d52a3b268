import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../cli.js';
import { assertValidReport } from '../report/validate.js';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  startSteppedInstaller,
  tempDirs,
} from '../support/index.js';

// A merge that never ends: the in-process shim waits, gives up at --max-wait, and the wrapper takes
// over the same wait with the same deadline, so the whole wait stays within max-wait (+1 s), and the
// run ends on one line saying why, with the CI annotation and step summary to match.
const { found } = await findInterpreters();
const python = found.filter((i) => atLeast(i.version, '3.6')).at(-1);
const temp = tempDirs();
afterAll(() => temp.cleanup());
const MAX_WAIT_MS = 3000;

describe.runIf(python)('run: giving up at --max-wait', () => {
  it('one deadline for shim and wrapper; a final line, ::error and a step summary', async () => {
    const image = await makePluginImage(await temp.make('image'), { name: 'stuckplug', layout: 'dist-info' });
    const venv = await makeVenv(python!.python, await temp.make('venv'));
    const installer = startSteppedInstaller(image.dir, venv.sitePackages);
    // The installer holds the merge marker and never finishes: the merge is live for as long as it runs.
    await installer.step('marker', 'metadata');
    const project = await makeProject(await temp.make('project'));
    const report = join(project.dir, 'report.json');
    const summary = join(project.dir, 'summary.md');
    try {
      const result = await execa(
        'node',
        [
          CLI,
          'run',
          '--max-wait',
          `${MAX_WAIT_MS}ms`,
          '--report',
          report,
          '--',
          venv.python,
          'setup.py',
          '-q',
          'egg_info',
        ],
        {
          cwd: project.dir,
          env: { PYTHONPATH: '', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
          reject: false,
          timeout: 60_000,
        },
      );
      expect(result.exitCode).toBe(1);
      const written: { result: string; ended: string; inProcess: Array<{ event: string; t: string }> } =
        JSON.parse(await readFile(report, 'utf8'));
      assertValidReport(written);
      expect(written.result).toBe('gave-up');
      const events = written.inProcess.map((e) => e.event);
      expect(events).toEqual(expect.arrayContaining(['waiting', 'gave-up', 'exception']));

      // The shim began waiting; from then to the wrapper's end is one wait of at most max-wait (+1 s).
      const waiting = written.inProcess.find((e) => e.event === 'waiting')!;
      const total = Date.parse(written.ended) - Date.parse(waiting.t);
      expect(total).toBeLessThanOrEqual(MAX_WAIT_MS + 1000);

      const lines = result.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(
        /^plugin-settle: gave up after 1 attempt \(exit 1\): .*gave up waiting after/,
      );
      expect(result.stderr).toMatch(/^::error title=plugin-settle%3A gave up::gave up after 1 attempt/m);
      expect(await readFile(summary, 'utf8')).toMatch(/^### plugin-settle: gave up after 1 attempt$/m);
    } finally {
      await installer.close();
    }
  });
});
