import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from './helpers.js';
import { waitFor } from './wait.js';

const PYTHONS = ['3.11.7', '3.10.13', '3.12.1', '3.13.0'].map((v) => `/root/.pyenv/versions/${v}/bin/python`);
const python = [...PYTHONS, '/usr/bin/python3'].find((candidate) => existsSync(candidate));
const base = mkdtempSync(join(tmpdir(), 'ps-mergewait-'));
let venvPython: string;
let sitePackages: string;
const image = join(base, 'image');

beforeAll(() => {
  if (!python) return;
  // No pip needed: the venv is only a site-packages the build's markers go into.
  execFileSync(python, ['-m', 'venv', '--without-pip', join(base, 'venv')]);
  venvPython = join(base, 'venv', 'bin', 'python');
  sitePackages = execFileSync(
    venvPython,
    ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
    {
      encoding: 'utf8',
    },
  ).trim();
  mkdirSync(join(image, 'plugwait'), { recursive: true });
  writeFileSync(join(image, 'plugwait', '__init__.py'), '');
}, 120_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A held build that runs until the test creates `go`. */
function heldBuild(tag: string) {
  const started = join(base, `${tag}.started`);
  const go = join(base, `${tag}.go`);
  const script = 'touch "$1"; while [ ! -e "$2" ]; do sleep 0.05; done';
  const run = startCli([
    'run',
    '--hold',
    '--python',
    venvPython,
    '--',
    'sh',
    '-c',
    script,
    'sh',
    started,
    go,
  ]);
  const markers = (): string[] => {
    try {
      return readdirSync(join(sitePackages, '.plugin-settle-builds'));
    } catch {
      return [];
    }
  };
  return { run, started, go, markers };
}

describe.skipIf(!python)('merge-wait: run --hold and merge --wait-for-builds', () => {
  it('the merge waits for the held build, then merges; the build marker goes with the build', async () => {
    const build = heldBuild('a');
    await waitFor('the held build to start', () => existsSync(build.started) && build.markers().length === 1);
    const merge = startCli(['merge', '--wait-for-builds', image, sitePackages]);
    let stderr = '';
    merge.child.stderr?.on('data', (chunk) => (stderr += chunk));
    await waitFor('merge to say it waits for the build', () =>
      /waiting for 1 build\(s\) holding/.test(stderr),
    );
    expect(existsSync(join(sitePackages, 'plugwait'))).toBe(false);
    writeFileSync(build.go, '');
    expect((await build.run.done).code).toBe(0);
    expect(build.markers()).toEqual([]);
    const merged = await merge.done;
    expect(merged.code, merged.stderr).toBe(0);
    expect(existsSync(join(sitePackages, 'plugwait', '__init__.py'))).toBe(true);
    rmSync(join(sitePackages, 'plugwait'), { recursive: true });
  });

  it('a build marker left by a SIGKILLed build is stale: reported, not waited on', async () => {
    const build = heldBuild('b');
    await waitFor('the held build to start', () => existsSync(build.started) && build.markers().length === 1);
    build.run.child.kill('SIGKILL');
    // The orphaned build holds the stdout and stderr it shares with the wrapper: let it end, or the
    // killed wrapper's streams never close.
    writeFileSync(build.go, '');
    await build.run.done;
    expect(build.markers()).toHaveLength(1);
    const merge = startCli(['merge', '--wait-for-builds', image, sitePackages]);
    const merged = await merge.done;
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/ignoring a stale build marker of dead pid \d+/);
    expect(existsSync(join(sitePackages, 'plugwait', '__init__.py'))).toBe(true);
  });
});
