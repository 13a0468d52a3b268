import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { findInterpreters, type Interpreter, makeProject, makeVenv, tempDirs } from '../support/index.js';

const FIXTURES = new URL('../../test/fixtures/classify/', import.meta.url).pathname;
const gentoo = join(FIXTURES, 'gentoo', 'gentoo-663324-pbr.log');
const temp = tempDirs();
let dir: string;

beforeAll(async () => {
  dir = await temp.make('diagnose');
});
afterAll(() => temp.cleanup());

describe('plugin-settle diagnose', () => {
  it('names the category, module and loader on one line, then what would make it a race', async () => {
    const result = await runCli(['diagnose', gentoo]);
    expect(result.code, result.stderr).toBe(0);
    const [first, second, ...rest] = result.stdout.trimEnd().split('\n');
    expect(first).toMatch(
      /^missing-module: ModuleNotFoundError: No module named 'pbr' \[module pbr; .*setuptools\.command\.egg_info:run for egg_info\.writers\]$/,
    );
    expect(second).toMatch(/^A race if `pbr\/` or `pbr\.py` .* changed in site-packages/);
    expect(rest).toEqual([]);
  });

  it('--json prints exactly one JSON object with the classification', async () => {
    const result = await runCli(['diagnose', '--json', gentoo]);
    expect(result.code, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({
      category: 'missing-module',
      exception: { type: 'ModuleNotFoundError', message: "No module named 'pbr'" },
      module: 'pbr',
      topLevel: 'pbr',
      distribution: null,
      files: [],
      loader: { frame: 'setuptools.command.egg_info:run', group: 'egg_info.writers' },
    });
    expect(typeof parsed.raceEvidence).toBe('string');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('reads stdin for - and for no argument', async () => {
    const log = { stdout: await readFile(gentoo, 'utf8') };
    for (const args of [
      ['diagnose', '--json', '-'],
      ['diagnose', '--json'],
    ]) {
      const result = await runCli(args, { input: log.stdout });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).module).toBe('pbr');
    }
  });

  it('exits 0 on a log it classifies as unrelated, including an empty one', async () => {
    const empty = join(dir, 'empty.log');
    await writeFile(empty, '');
    const result = await runCli(['diagnose', '--json', empty]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ category: 'unrelated', exception: null });
  });

  it('exits 125 with one line naming the problem when the log cannot be read', async () => {
    for (const path of [join(dir, 'no-such.log'), dir]) {
      const result = await runCli(['diagnose', path]);
      expect(result.code, result.stderr).toBe(125);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        new RegExp(`^plugin-settle: cannot read log ${path} \\((ENOENT|EISDIR)\\): .*\\n$`),
      );
    }
  });
});

describe('diagnose on builds that really fail here, on every interpreter found', async () => {
  const { found, skipped } = await findInterpreters();
  for (const s of skipped) process.stderr.write(`diagnose integration: skipped ${s.python}: ${s.reason}\n`);
  // Python 2 has no venv module; its user-site variant is covered by the fixture corpus.
  const usable = found.filter((i) => !i.version.startsWith('2.'));
  // Said, not silently empty: a machine without a Python 3 that has setuptools covers none of this.
  if (usable.length === 0) it.skip('no Python 3 with setuptools found on this machine', () => {});

  it.each(usable.map((i) => [`${i.version} (setuptools ${i.setuptoolsVersion})`, i] as const))(
    '%s: a plugin whose metadata is merged but not its module',
    async (_label: string, interpreter: Interpreter) => {
      const base = await temp.make('diagnose-live');
      const venv = await makeVenv(interpreter.python, join(base, 'venv'));
      const info = join(venv.sitePackages, 'racyplug-1.0.dist-info');
      await mkdir(info, { recursive: true });
      await writeFile(join(info, 'METADATA'), 'Metadata-Version: 2.1\nName: racyplug\nVersion: 1.0\n');
      await writeFile(join(info, 'entry_points.txt'), '[egg_info.writers]\nracy.txt = racyplug:write\n');
      const project = await makeProject(join(base, 'project'));
      const build = await execa(venv.python, ['setup.py', 'egg_info'], {
        cwd: project.dir,
        all: true,
        reject: false,
        env: { PYTHONPATH: '' },
      });
      expect(build.exitCode, 'the unprotected build must fail').not.toBe(0);
      const log = join(base, 'build.log');
      await writeFile(log, build.all ?? '');

      const result = await runCli(['diagnose', '--json', log]);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        category: 'missing-module',
        module: 'racyplug',
        topLevel: 'racyplug',
        loader: { group: 'egg_info.writers' },
      });
    },
  );
});
