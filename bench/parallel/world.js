// @ts-check
// The real processes behind one schedule: a fresh venv every plugin lands in, one tiny setup.py project
// per build, and builds run bare or through `plugin-settle run` (in-process shim on).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchCli } from '../recovery/cli.js';
import { makeVenv } from '../recovery/python.js';
import { mergePlugin } from './merge.js';

const COMPILING = 'compiling.marker';

/** @param {number} preMs @param {number} postMs */
const setupPy = (preMs, postMs) => `import time

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.egg_info import egg_info


class compiling_egg_info(egg_info):
    def run(self):
        # Tell the scheduler through a file (no wrapper in the way), which lands this build's tied merge
        # relative to this moment; egg_info.run loads the egg_info.writers plugins first thing.
        open('${COMPILING}', 'w').close()
        time.sleep(${(preMs / 1000).toFixed(3)})  # compile work before the plugin load
        egg_info.run(self)


class compiling_build_py(build_py):
    def run(self):
        time.sleep(${(postMs / 1000).toFixed(3)})  # compile work after
        build_py.run(self)


setup(
    name='demo-project',
    version='1.0',
    py_modules=['demo'],
    cmdclass={'egg_info': compiling_egg_info, 'build_py': compiling_build_py},
)
`;

/** The exception line of a crashed Node process's stderr. @param {string} tail */
const crashLine = (tail) =>
  tail
    .split('\n')
    .findLast((line) => /Error\b/.test(line))
    ?.trim() ?? tail.trim();

/**
 * Runs a build to its end: its exit code and the last line of stderr (the exception a failed build died
 * of); `compiling` is called when the build's marker file appears.
 * @param {string[]} argv @param {{ cwd: string, env: NodeJS.ProcessEnv }} options @param {() => void} compiling
 * @returns {Promise<{ code: number | null, lastLine: string, tail: string }>}
 */
function run(argv, options, compiling) {
  return new Promise((resolve, reject) => {
    const marker = watch(options.cwd, (_event, name) => {
      if (name === COMPILING) compiling();
    });
    const child = spawn(argv[0] ?? '', argv.slice(1), { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk) => (tail = (tail + chunk).slice(-4096)));
    child.on('error', reject);
    child.on('close', (code) => {
      marker.close();
      resolve({ code, tail, lastLine: tail.trim().split('\n').at(-1) ?? '' });
    });
  });
}

/**
 * @param {import('./plan.js').Plan} plan
 * @param {import('./decide.js').Strategy} strategy
 */
export function makeWorld(plan, strategy) {
  const dir = mkdtempSync(join(tmpdir(), `bench-parallel-${strategy}-`));
  const venv = makeVenv(join(dir, 'venv'));
  const eroot = join(dir, 'eroot');
  mkdirSync(eroot);
  const site = { sitePackages: venv.sitePackages, eroot };
  const env = {
    ...process.env,
    PYTHONPATH: '',
    PYTHONDONTWRITEBYTECODE: '1',
    EROOT: eroot,
    FORCE_COLOR: '0',
  };
  for (const build of plan.builds) {
    const project = join(dir, `project${build.id}`);
    mkdirSync(project);
    writeFileSync(join(project, 'setup.py'), setupPy(build.preMs, build.postMs));
    writeFileSync(join(project, 'demo.py'), 'ANSWER = 42\n');
  }
  const command = [venv.python, 'setup.py', '-q', 'egg_info', 'build'];

  /** @type {import('./schedule.js').Work} */
  const work = {
    now: () => performance.now(),
    wait: (ms) => sleep(ms),
    merge: (plugin) => mergePlugin(site, plugin),
    async build(build, compiling) {
      const cwd = join(dir, `project${build.id}`);
      if (strategy !== 'plugin-settle') {
        const { code, lastLine } = await run(command, { cwd, env }, compiling);
        return { ok: code === 0, rebuilds: 0, healed: 0, ...(code === 0 ? {} : { error: lastLine }) };
      }
      const report = join(cwd, 'report.json');
      const wrapped = [process.execPath, benchCli(), 'run', '--quiet', '--report', report, '--', ...command];
      const { code, lastLine, tail } = await run(wrapped, { cwd, env }, compiling);
      // The wrapper's own crash ends in Node's version line: the exception above it is the one to show.
      const error = code === 0 ? {} : { error: /^Node\.js v/.test(lastLine) ? crashLine(tail) : lastLine };
      if (!existsSync(report)) return { ok: code === 0, rebuilds: 0, healed: 0, ...error };
      const { attempts, inProcess } = JSON.parse(readFileSync(report, 'utf8'));
      const healed = inProcess.filter((/** @type {{ event: string }} */ e) => e.event === 'healed').length;
      return { ok: code === 0, rebuilds: Math.max(0, attempts.length - 1), healed, ...error };
    },
  };
  return { work, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
