import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../cli.js';
import { assertValidReport } from '../report/validate.js';
import { atLeast, findInterpreters, readJsonLines, tempDirs } from '../support/index.js';
import { SHIM_PYTHON_DIR } from './shim-env.js';

// pip's isolated builds replace PYTHONPATH for the build backend, where a plugin load fails: the shim
// must put itself back, or the failure is recorded nowhere. Real pip, real isolation, offline: the
// setuptools wheel ensurepip bundles is the only index.
const { found } = await findInterpreters();
const PROBE =
  'import ensurepip, os, pip; print(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled"))';
const withPip = (
  await Promise.all(
    found.map(async (i) => {
      const bundled = await execa(i.python, ['-c', PROBE], { reject: false, env: { PYTHONPATH: '' } });
      const dir = bundled.stdout.trim();
      // From 3.12 ensurepip bundles pip alone: with no setuptools wheel, pip cannot build in isolation.
      const withSetuptools =
        bundled.exitCode === 0 &&
        existsSync(dir) &&
        readdirSync(dir).some((f) => f.startsWith('setuptools-'));
      return withSetuptools ? { ...i, bundled: dir } : null;
    }),
  )
)
  .filter((i) => i !== null)
  .sort((a, b) => (atLeast(a.version, b.version) ? 1 : -1));
// The oldest (Python 2.7's pip 19, through the Python 2 finder) and the newest (pip 23, meta-path hook).
const covered = [...new Set([withPip[0], withPip.at(-1)])].filter((i) => i !== undefined);
const temp = tempDirs();
afterAll(() => temp.cleanup());

async function isolatedProject(): Promise<string> {
  const dir = join(await temp.make('pip-project'), 'proj');
  await mkdir(dir);
  await writeFile(
    join(dir, 'pyproject.toml'),
    '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n',
  );
  // Fails inside the backend, as a half-merged plugin would: a module that is not there.
  await writeFile(
    join(dir, 'setup.py'),
    'import isoplug_missing\nfrom setuptools import setup\nsetup(name="p", version="1")\n',
  );
  return dir;
}

const pipWheel = (bundled: string, project: string) => [
  '-m',
  'pip',
  'wheel',
  '--no-index',
  '--find-links',
  bundled,
  '-w',
  join(project, '..', 'out'),
  project,
];
const pipEnv = { PYTHONPATH: '', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_CACHE_DIR: '1' };
const fromBackend = (record: Record<string, unknown>) => /_in_process\.pyc?$/.test(String(record.argv0));

describe.each(covered.map((i) => [`Python ${i.version}`, i] as const))(
  'pip isolated build, %s',
  (_label, i) => {
    it('without the shim kept in, pip’s PYTHONPATH leaves the backend unrecorded', async () => {
      const project = await isolatedProject();
      const events = join(project, '..', 'events.jsonl');
      // The recorder on, the isolation patch off (it comes with the active shim only).
      const result = await execa(i.python, pipWheel(i.bundled, project), {
        env: {
          ...pipEnv,
          PYTHONPATH: SHIM_PYTHON_DIR,
          PLUGIN_SETTLE_EVENTS: events,
          PLUGIN_SETTLE_INPROCESS: '',
        },
        reject: false,
      });
      expect(result.exitCode).not.toBe(0);
      expect(`${result.stdout}\n${result.stderr}`).toMatch(/No module named '?isoplug_missing/);
      expect((await readJsonLines(events)).filter(fromBackend)).toEqual([]);
    });

    it('wrapped, the backend’s failure is recorded and judged, with pip’s own isolation kept', async () => {
      const project = await isolatedProject();
      const report = join(project, '..', 'report.json');
      const result = await execa(
        'node',
        [CLI, 'run', '--report', report, '--', i.python, ...pipWheel(i.bundled, project)],
        {
          env: pipEnv,
          reject: false,
        },
      );
      expect(result.exitCode).not.toBe(0);
      const written = JSON.parse(await readFile(report, 'utf8'));
      assertValidReport(written);
      const backend = (written.inProcess as Record<string, unknown>[]).filter(fromBackend);
      expect(backend).toMatchObject([
        { event: 'exception', type: expect.stringMatching(/ImportError|ModuleNotFoundError/) },
      ]);
      // pip's sitecustomize ran after ours: the backend saw pip's build environment, not the system's.
      expect(backend[0]!.roots).toEqual([expect.stringMatching(/pip-build-env-.*overlay/)]);
      expect(written.result).toBe('not-a-race');
      // Judged by the backend's record: pip itself only says a subprocess failed.
      expect(written.attempts[0]?.judgedBy?.argv0).toMatch(/_in_process\.pyc?$/);
      expect(written.reason).toMatch(/No module named '?isoplug_missing/);
    });
  },
);
