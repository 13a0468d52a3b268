import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Finished, runCli } from './helpers.js';
import { freshPluginImage, upgradePluginImage } from './plugin-images.js';
import { findPythonWithSetuptools, makeVenv } from './python.js';

const MERGES = 100;
const base = mkdtempSync(join(tmpdir(), 'ps-buildloop-'));
const python = findPythonWithSetuptools();
let venv: { python: string; sitePackages: string };
const project = join(base, 'project');

// The build of the issue: retries and the in-process shim off, so only the merge order can save it.
const build = (): Promise<Finished> =>
  runCli(
    ['run', '--retries', '0', '--no-inprocess', '--', venv.python, 'setup.py', '-q', 'egg_info'],
    {},
    project,
  );

const eggInfoFiles = (): string[] => readdirSync(join(project, 'proj.egg-info')).sort();

beforeAll(() => {
  if (!python) return;
  venv = makeVenv(python, join(base, 'venv'));
  mkdirSync(project);
  writeFileSync(
    join(project, 'setup.py'),
    "from setuptools import setup\nsetup(name='proj', version='1.0', py_modules=[])\n",
  );
}, 120_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(!python)(
  `merge against a looping build (${python ?? 'no python with setuptools found'})`,
  () => {
    it('a naive metadata-first copy breaks the same wrapped build', async () => {
      const image = join(base, 'naive-image');
      freshPluginImage(image, 'plugnaive');
      expect((await build()).code).toBe(0);
      // Metadata first, as an unordered installer may do, and the build runs in between.
      cpSync(join(image, 'plugnaive-1.0.dist-info'), join(venv.sitePackages, 'plugnaive-1.0.dist-info'), {
        recursive: true,
      });
      const broken = await build();
      expect(broken.code).not.toBe(0);
      expect(broken.stderr).toMatch(/No module named 'plugnaive'/);
      cpSync(join(image, 'plugnaive'), join(venv.sitePackages, 'plugnaive'), { recursive: true });
      const healed = await build();
      expect(healed.code, healed.stderr).toBe(0);
      expect(eggInfoFiles()).toContain('plugnaive.txt');
      // Leave the venv as it was, metadata first; no build is running now.
      rmSync(join(venv.sitePackages, 'plugnaive-1.0.dist-info'), { recursive: true });
      rmSync(join(venv.sitePackages, 'plugnaive'), { recursive: true });
    });

    it(`${MERGES} installs and upgrades by merge while the build loops: zero build failures`, async () => {
      const images = Array.from({ length: MERGES }, (_, n) => {
        const image = join(base, 'images', String(n));
        // Even: a plugin never seen before; odd: the next version of one that keeps growing.
        if (n % 2 === 0) freshPluginImage(image, `plugfresh${n}`);
        else upgradePluginImage(image, 'plugup', n);
        return image;
      });
      const builds: Array<{ started: number; ended: number; result: Finished }> = [];
      let stop = false;
      const loop = (async () => {
        while (!stop) {
          const started = Date.now();
          const result = await build();
          builds.push({ started, ended: Date.now(), result });
        }
      })();
      const merges: Array<{ started: number; ended: number }> = [];
      try {
        for (const [n, image] of images.entries()) {
          const started = Date.now();
          const args = [
            'merge',
            '--quiet',
            ...(n % 2 === 1 ? ['--replace', 'plugup'] : []),
            image,
            venv.sitePackages,
          ];
          const merged = await runCli(args);
          expect(merged.code, `merge ${n}: ${merged.stderr}`).toBe(0);
          merges.push({ started, ended: Date.now() });
        }
      } finally {
        stop = true;
        await loop;
      }
      const failures = builds.filter((b) => b.result.code !== 0);
      const tails = failures.map((b) => b.result.stderr.split('\n').slice(-6).join('\n'));
      expect(tails, `${failures.length} of ${builds.length} builds failed`).toEqual([]);
      // Not vacuous: builds really ran while merges were under way.
      const overlapping = builds.filter((b) =>
        merges.some((m) => b.started < m.ended && m.started < b.ended),
      );
      process.stderr.write(`build loop: ${builds.length} builds, ${overlapping.length} overlapped a merge\n`);
      expect(overlapping.length).toBeGreaterThanOrEqual(10);
      // And the plugins were really loaded: every writer of the last state ran.
      const last = await build();
      expect(last.code, last.stderr).toBe(0);
      const written = eggInfoFiles();
      for (let n = 0; n < MERGES; n += 2) expect(written).toContain(`plugfresh${n}.txt`);
      expect(written).toContain(`plugup.w${MERGES - 1}.txt`);
      expect(execFileSync('ls', [venv.sitePackages], { encoding: 'utf8' })).not.toMatch(/plugin-settle/);
    }, 900_000);
  },
);
