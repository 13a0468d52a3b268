import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { tempDirs } from '../support/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const CLEAN_ENV = {
  PLUGIN_SETTLE_RETRIES: undefined,
  PLUGIN_SETTLE_MAX_WAIT: undefined,
  PLUGIN_SETTLE_CONFIG: undefined,
};

/** A Python project: pyproject.toml at the repository root, run from a package directory below it. */
async function pythonProject(pyproject: string) {
  const root = await temp.make('pyproject');
  await mkdir(join(root, '.git'));
  await mkdir(join(root, 'src', 'app'), { recursive: true });
  await writeFile(join(root, 'pyproject.toml'), pyproject);
  return { root, cwd: join(root, 'src', 'app'), file: join(root, 'pyproject.toml') };
}

const PYPROJECT = `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "app"
version = "1.0"

[tool.plugin-settle]
retries = 2
max-wait = "30s"
report = "plugin-settle.json"
`;

describe('pyproject.toml [tool.plugin-settle]', () => {
  it('`config --json` shows its values with the file as their source, beside env and defaults', async () => {
    const { root, cwd, file } = await pythonProject(PYPROJECT);
    const result = await runCli(['config', '--json'], {
      cwd,
      env: { ...CLEAN_ENV, PLUGIN_SETTLE_RETRIES: '5' },
    });
    expect(result.code, result.stderr).toBe(0);
    const { configFile, settings } = JSON.parse(result.stdout);
    expect(configFile).toBe(file);
    expect(settings.maxWait).toEqual({ value: 30_000, from: 'file', file });
    expect(settings.report).toEqual({ value: join(root, 'plugin-settle.json'), from: 'file', file });
    expect(settings.retries).toEqual({ value: 5, from: 'env', variable: 'PLUGIN_SETTLE_RETRIES' });
    expect(settings.settle).toEqual({ value: 750, from: 'default' });
  });

  it('a JSON config file in the same directory comes first; a pyproject.toml without our table is passed over', async () => {
    const { root, cwd } = await pythonProject(PYPROJECT);
    await writeFile(join(root, '.plugin-settlerc.json'), '\uFEFF{"retries": 1}');
    const json = JSON.parse((await runCli(['config', '--json'], { cwd, env: CLEAN_ENV })).stdout);
    expect(json.settings.retries).toEqual({
      value: 1,
      from: 'file',
      file: join(root, '.plugin-settlerc.json'),
    });

    const plain = await pythonProject('[project]\nname = "app"\ndependencies = ["plugin-settle-helper"]\n');
    const none = JSON.parse((await runCli(['config', '--json'], { cwd: plain.cwd, env: CLEAN_ENV })).stdout);
    expect(none.configFile).toBeNull();
  });

  it('run uses it; a bad value stops run with 125 and one line quoting the key as written', async () => {
    const { root, cwd } = await pythonProject(PYPROJECT);
    const ok = await runCli(['run', '--', 'sh', '-c', 'exit 3'], { cwd, env: CLEAN_ENV });
    expect(ok.code).toBe(3);
    const report = JSON.parse(await readFile(join(root, 'plugin-settle.json'), 'utf8'));
    expect(report).toMatchObject({ result: 'failed', exitCode: 3 });

    const bad = await pythonProject('[tool.plugin-settle]\nmax-wait = "a while"\n');
    const marker = join(bad.root, 'build-ran');
    const result = await runCli(['run', '--', 'touch', marker], { cwd: bad.cwd, env: CLEAN_ENV });
    expect(result.code).toBe(125);
    expect(result.stderr).toBe(
      `plugin-settle: ${bad.file}: "max-wait" must be milliseconds as a number ≥ 0, or a string like "750ms" or "2s", got "a while"\n`,
    );
    await expect(readFile(marker)).rejects.toThrow(/ENOENT/);
  });

  it('a config file over 1 MiB: exit 125, one line naming the file', async () => {
    const { cwd, file } = await pythonProject(
      `[tool.plugin-settle]\nretries = 1\n# ${'x'.repeat(1024 * 1024)}\n`,
    );
    const result = await runCli(['config'], { cwd, env: CLEAN_ENV });
    expect(result.code).toBe(125);
    expect(result.stderr).toMatch(
      new RegExp(`^plugin-settle: ${file}: the config file is \\d+ bytes, over the 1 MiB limit \\(.*\\)\\n$`),
    );
  });
});
