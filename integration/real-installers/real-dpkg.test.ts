import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { debianPackage } from '../support/debian.js';
import { atLeast, findInterpreters, makeProject, makeVenv, tempDirs } from '../support/index.js';
import { failed, loopBuilds } from './builds.js';
import { dpkg, makePrivateRoot } from './dpkg.js';
import { describeVerdict, judge } from './verdict.js';

// What the race does to an unwrapped build: a plugin module or name not there (yet, or any more), or
// the plugin's metadata directory gone while setuptools listed it (`FileNotFoundError: …pbr-5.10.0.egg-info`).
const RACE_FAILURE = /ModuleNotFoundError|ImportError|No module named|FileNotFoundError: .*pbr/;

// Real dpkg installing and removing Debian's python3-pbr .deb into a private root while real builds,
// whose PYTHONPATH is that root's dist-packages, loop unwrapped and wrapped. dpkg takes a fraction of
// a build's time, so the cycles go on until each loop has also run REAL_DPKG_BUILDS builds (40).
// REAL_DPKG_CYCLES and REAL_DPKG_BUILDS make the run longer.
const CYCLES = Number(process.env.REAL_DPKG_CYCLES ?? 30);
const BUILDS = Number(process.env.REAL_DPKG_BUILDS ?? 40);

const temp = tempDirs();
afterAll(() => temp.cleanup());

const hasDpkg = (await execa('dpkg', ['--version'], { reject: false })).exitCode === 0;
const { found } = await findInterpreters();
// pbr's Debian build is for any Python 3; the newest interpreter with setuptools >= 61 of its own.
const interpreter = found
  .filter((i) => !i.setuptoolsFrom && atLeast(i.setuptoolsVersion, '61'))
  .sort((a, b) => (atLeast(a.version, b.version) ? 1 : -1))
  .at(-1);

describe.skipIf(!hasDpkg || !interpreter)(
  `real dpkg into a private root, Python ${interpreter?.version}`,
  () => {
    it(`${CYCLES}+ dpkg -i / dpkg -r cycles of python3-pbr: no wrapped build fails, no retry without cause`, async () => {
      const pbr = await debianPackage('python3-pbr');
      const root = await makePrivateRoot(await temp.make('dpkg-root'));
      const venv = await makeVenv(interpreter!.python, await temp.make('dpkg-venv'));
      const env = { PYTHONPATH: root.distPackages };
      const project = async (label: string) => (await makeProject(await temp.make(label))).dir;
      const bare = loopBuilds({ python: venv.python, project: await project('dpkg-bare'), env });
      const wrapped = loopBuilds({
        python: venv.python,
        project: await project('dpkg-wrapped'),
        env,
        wrap: ['--no-inprocess', '--verbose', '--watch', root.distPackages],
      });
      let cycles = 0;
      const churn = (async () => {
        while (cycles < CYCLES || bare.builds.length < BUILDS || wrapped.builds.length < BUILDS) {
          // dpkg runs back to back take ~0.1 s each, so the tree is never quiet for a settle time: a
          // wrapped build that waits for it would give up at --max-wait, as it should for a merge that
          // never ends. Real installers finish a merge and move on; so dpkg pauses, between runs, while
          // a wrapped build recovers (from the wrapper's line on its failed attempt until the build ends).
          await dpkg(root, ['-i', pbr.deb]);
          await wrapped.settledOrNotWaiting();
          await dpkg(root, ['-r', 'python3-pbr']);
          await wrapped.settledOrNotWaiting();
          cycles++;
        }
      })().then(
        () => ({}),
        (error: Error) => ({ error }),
      );
      const outcome = await churn;
      const bareBuilds = await bare.stop();
      const wrappedBuilds = await wrapped.stop();
      if ('error' in outcome) throw outcome.error;

      const unwrapped = judge(bareBuilds, /pbr/);
      const verdict = judge(wrappedBuilds, /pbr/);
      const summary = `${cycles * 2} dpkg runs of ${pbr.name} ${pbr.version}\n${describeVerdict('unwrapped', unwrapped)}\n${describeVerdict('wrapped', verdict)}`;
      console.log(summary);
      if (unwrapped.failed.length === 0)
        console.warn(
          `real dpkg: INCONCLUSIVE as a race test: no unwrapped build failed in ${cycles} cycles; this run shows only that wrapping added no failure and no retry`,
        );
      const details = `${summary}\nfailed wrapped reports:\n${JSON.stringify(
        failed(wrappedBuilds).map((b) => b.report),
        null,
        2,
      )}`;
      expect(verdict.failed, details).toEqual([]);
      expect(verdict.unjustified, details).toEqual([]);
      for (const b of unwrapped.failed) expect(b.tail, summary).toMatch(RACE_FAILURE);
      // dpkg wrote only its private root: the maintainer scripts' machine-wide calls were the stubs'.
      expect(await root.scriptCalls()).toContain('update-alternatives --remove pbr /usr/bin/python3-pbr');
    }, 1_200_000);
  },
);
