import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { type Interpreter, makePluginImage, makeProject, tempDirs } from '../support/index.js';
import { startRaceInstaller } from './installer.js';
import { full, installerPython, label, warnUncovered } from './matrix.js';
import { PLUGIN, setUpRace } from './race.js';
import { makeSite, type Site } from './site.js';
import { GROUPS, STYLES } from './styles.js';
import { readReport, startWrapper } from './wrapper.js';

// Builds that fail for their own reasons: one attempt, the child's exit status, and no wait.
const temp = tempDirs();
afterAll(() => temp.cleanup());
warnUncovered('race negatives');

const WINDOW_MS = 2000;

interface Wrapped {
  code: number | null;
  stderr: string;
  ours: string[];
  report: Awaited<ReturnType<typeof readReport>>;
  /** From the failed attempt's end to the wrapper's report end: how long the decision took. */
  decidedInMs: number;
}

async function wrap(
  site: Site,
  cwd: string,
  command: string[],
  options: string[],
  env: Record<string, string>,
) {
  const reportFile = join(cwd, 'report.json');
  const wrapper = startWrapper(
    ['run', '--no-inprocess', '--report', reportFile, ...site.watchArgs, ...options, '--', ...command],
    { cwd, env: { ...site.env, EROOT: await temp.make('eroot'), ...env } },
  );
  const { code, stderr } = await wrapper.done();
  const report = await readReport(reportFile);
  const last = report.attempts.at(-1)!;
  return {
    code,
    stderr,
    ours: stderr.split('\n').filter((line) => line.startsWith('plugin-settle:')),
    report,
    decidedInMs: Date.parse(report.ended) - Date.parse(last.ended),
  } satisfies Wrapped;
}

function expectOneAttempt(run: Wrapped, exitCode: number, result: string) {
  const context = `${run.stderr}\nreport: ${JSON.stringify(run.report, null, 2)}`;
  expect(run.code, context).toBe(exitCode);
  expect(run.report.exitCode, context).toBe(exitCode);
  expect(run.report.result, context).toBe(result);
  expect(run.report.attempts, context).toHaveLength(1);
  expect(run.report.attempts[0]?.decision?.action, context).toBe('fail');
  expect(run.report.attempts[0]?.waitedMs, context).toBeUndefined();
}

describe.each(full.map((i) => [label(i), i] as const))(
  'not a race, %s',
  (_label, interpreter: Interpreter) => {
    it('a plugin whose module is really absent, and nothing moves: not-a-race, at once', async () => {
      if (!installerPython) throw new Error('no Python >= 3.6 to run the test installers');
      // The metadata of a plugin whose code was never installed (a broken package, not a merge).
      const race = await setUpRace(temp, interpreter, STYLES.naive, installerPython);
      const lastWrite = await race.installer.step('metadata');
      await race.installer.close();
      const unwrapped = await execa(race.site.python, race.args, {
        cwd: race.project,
        env: race.env,
        reject: false,
        all: true,
      });
      expect(unwrapped.exitCode).not.toBe(0);
      expect(unwrapped.all).toMatch(STYLES.naive.error);
      // "Nothing moved in the window" has to be true: ctimes cannot be set back, so let the window pass.
      const quietSince = lastWrite + WINDOW_MS + 100;
      if (Date.now() < quietSince) await sleep(quietSince - Date.now());

      const run = await wrap(
        race.site,
        race.project,
        [race.site.python, ...race.args],
        ['--window', `${WINDOW_MS}`, '--stale-after', `${WINDOW_MS}`],
        race.env,
      );
      expectOneAttempt(run, unwrapped.exitCode ?? -1, 'not-a-race');
      expect(run.report.attempts[0]?.classification).toMatchObject({
        category: 'missing-module',
        topLevel: PLUGIN,
      });
      expect(run.ours).toHaveLength(1);
      expect(run.ours[0]).toMatch(
        /not retried: .*No module named '?racyplug.*has not changed in 2 s: a missing dependency, not a merge race/,
      );
      // The answer comes before a settle wait would even have ended (a hang-catching bound, not a benchmark).
      console.log(`not-a-race decided in ${run.decidedInMs} ms (${label(interpreter)})`);
      expect(run.decidedInMs).toBeLessThan(2000);
    });

    describe('while a plugin is being merged (evidence: any change counts)', () => {
      // A complete plugin merged just now: the tree moved in the window, so only the classification
      // can say "not a race" here. Its hooks are real, so the build loads them without trouble.
      async function movingSite(): Promise<{ site: Site; project: string }> {
        if (!installerPython) throw new Error('no Python >= 3.6 to run the test installers');
        const site = await makeSite(interpreter, await temp.make('neg-site'));
        const image = await makePluginImage(await temp.make('neg-image'), { name: PLUGIN, groups: GROUPS });
        const installer = startRaceInstaller(installerPython, 'naive', [image.dir, site.root]);
        await installer.step('metadata');
        await installer.step('code');
        await installer.close();
        return { site, project: (await makeProject(await temp.make('neg-project'))).dir };
      }
      const anyEvidence = ['--evidence', 'any'];

      it("a syntax error in the project's own setup.py: failed, one attempt, exit 1", async () => {
        const { site, project } = await movingSite();
        await writeFile(
          join(project, 'setup.py'),
          "from setuptools import setup\n\nsetup(name='demo-project',\n",
        );
        const run = await wrap(
          site,
          project,
          [site.python, 'setup.py', '-q', 'egg_info', 'build'],
          anyEvidence,
          {},
        );
        expectOneAttempt(run, 1, 'failed');
        expect(run.stderr).toMatch(/SyntaxError/);
        expect(run.report.attempts[0]?.classification).toMatchObject({ category: 'unrelated' });
        expect(run.ours).toEqual([]);
      });

      it('a C extension that does not compile: failed, one attempt, exit 1', async () => {
        const { site, project } = await movingSite();
        await writeFile(
          join(project, 'setup.py'),
          "from setuptools import Extension, setup\n\nsetup(name='demo-project', version='1.0', ext_modules=[Extension('broken', ['broken.c'])])\n",
        );
        await writeFile(join(project, 'broken.c'), '#include <Python.h>\nint broken( { return 0 }\n');
        const run = await wrap(site, project, [site.python, 'setup.py', '-q', 'build_ext'], anyEvidence, {});
        expectOneAttempt(run, 1, 'failed');
        expect(run.stderr).toMatch(
          /error: command .*gcc.* failed|error: command .*failed with exit (code|status)/,
        );
        expect(run.ours).toEqual([]);
      });

      it('exit 1 with no traceback: failed, one attempt, exit 1', async () => {
        const { site, project } = await movingSite();
        const script = "import sys; sys.stderr.write('build failed: see above\\n'); sys.exit(1)";
        const run = await wrap(site, project, [site.python, '-c', script], anyEvidence, {});
        expectOneAttempt(run, 1, 'failed');
        expect(run.stderr).toMatch(/^build failed: see above$/m);
        expect(run.ours).toEqual([]);
      });
    });
  },
);
