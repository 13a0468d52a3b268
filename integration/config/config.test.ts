import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { readValidReport } from '../report/validate.js';
import { tempDirs } from '../support/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** A repository with a config file at its root and a subdirectory to run from. */
async function repo(files: Record<string, unknown>) {
  const root = await temp.make('config');
  await mkdir(join(root, '.git'));
  await mkdir(join(root, 'pkg', 'sub'), { recursive: true });
  for (const [name, content] of Object.entries(files))
    await writeFile(join(root, name), JSON.stringify(content));
  return { root, cwd: join(root, 'pkg', 'sub') };
}

const CLEAN_ENV = {
  PLUGIN_SETTLE_RETRIES: undefined,
  PLUGIN_SETTLE_SETTLE: undefined,
  PLUGIN_SETTLE_CONFIG: undefined,
};

describe('plugin-settle config', () => {
  it('prints each setting with its value and source: command line, env, file, default', async () => {
    const { root, cwd } = await repo({
      'plugin-settle.config.json': { retries: 1, settle: '2s', window: 100, hold: true },
    });
    const result = await runCli(['config', '--json', '--window', '300'], {
      cwd,
      env: { ...CLEAN_ENV, PLUGIN_SETTLE_SETTLE: '1500', PLUGIN_SETTLE_HOLD: 'no' },
    });
    expect(result.code, result.stderr).toBe(0);
    const file = join(root, 'plugin-settle.config.json');
    const { configFile, settings } = JSON.parse(result.stdout);
    expect(configFile).toBe(file);
    expect(settings.window).toEqual({ value: 300, from: 'cli' });
    expect(settings.settle).toEqual({ value: 1500, from: 'env', variable: 'PLUGIN_SETTLE_SETTLE' });
    expect(settings.hold).toEqual({ value: false, from: 'env', variable: 'PLUGIN_SETTLE_HOLD' });
    expect(settings.retries).toEqual({ value: 1, from: 'file', file });
    expect(settings.maxWait).toEqual({ value: 120_000, from: 'default' });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('as a table: one row per setting, the config file first', async () => {
    const { root, cwd } = await repo({ '.plugin-settlerc.json': { evidence: 'any' } });
    const result = await runCli(['config'], { cwd, env: CLEAN_ENV });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`config file: ${join(root, '.plugin-settlerc.json')}`);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^evidence +any +${join(root, '.plugin-settlerc.json')}$`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^retries +3 +default$/));
    expect(lines).toHaveLength(16);
  });

  it('reads the "plugin-settle" key of package.json', async () => {
    const { root, cwd } = await repo({ 'package.json': { name: 'x', 'plugin-settle': { retries: 7 } } });
    const { settings } = JSON.parse((await runCli(['config', '--json'], { cwd, env: CLEAN_ENV })).stdout);
    expect(settings.retries).toEqual({ value: 7, from: 'file', file: join(root, 'package.json') });
  });
});

describe('run with a config file', () => {
  it('uses the file: a report path relative to the file, written after the build', async () => {
    const { root, cwd } = await repo({ 'plugin-settle.config.json': { report: 'out.json', retries: 0 } });
    const result = await runCli(['run', '--', 'sh', '-c', 'exit 4'], { cwd, env: CLEAN_ENV });
    expect(result.code).toBe(4);
    const report = await readValidReport(join(root, 'out.json'));
    expect(report).toMatchObject({ result: 'failed', exitCode: 4, cwd });
  });

  it('the command line wins over the file', async () => {
    const { root, cwd } = await repo({ 'plugin-settle.config.json': { report: 'from-file.json' } });
    await runCli(['run', '--report', 'from-cli.json', '--', 'true'], { cwd, env: CLEAN_ENV });
    await readValidReport(join(cwd, 'from-cli.json'));
    await expect(readFile(join(root, 'from-file.json'))).rejects.toThrow(/ENOENT/);
  });

  it('a bad value: exit 125 before the build runs, one line naming the file, the key and what is allowed', async () => {
    const { root, cwd } = await repo({ 'plugin-settle.config.json': { retries: 'many' } });
    const marker = join(root, 'build-ran');
    const result = await runCli(['run', '--', 'touch', marker], { cwd, env: CLEAN_ENV });
    expect(result.code).toBe(125);
    expect(result.stderr).toBe(
      `plugin-settle: ${join(root, 'plugin-settle.config.json')}: "retries" must be a whole number ≥ 0, got "many"\n`,
    );
    await expect(readFile(marker)).rejects.toThrow(/ENOENT/);
  });

  it('an unknown key names the near miss; a broken file says it is not JSON', async () => {
    const typo = await repo({ '.plugin-settlerc.json': { maxwait: 10 } });
    const result = await runCli(['run', '--', 'true'], { cwd: typo.cwd, env: CLEAN_ENV });
    expect(result.code).toBe(125);
    expect(result.stderr).toMatch(
      /\.plugin-settlerc\.json: unknown key "maxwait"; did you mean "maxWait"\? \(allowed keys: /,
    );
    const broken = await repo({});
    await writeFile(join(broken.root, 'plugin-settle.config.json'), '{"retries": 1,');
    const bad = await runCli(['config'], { cwd: broken.cwd, env: CLEAN_ENV });
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/plugin-settle\.config\.json: not valid JSON \(.*\): fix the syntax\n$/);
  });

  it('the search stops at the repository root', async () => {
    const outer = await temp.make('config-outer');
    await writeFile(join(outer, 'plugin-settle.config.json'), '{"retries": "not even valid"}');
    const inner = join(outer, 'project');
    await mkdir(join(inner, '.git'), { recursive: true });
    const result = await runCli(['config', '--json'], { cwd: inner, env: CLEAN_ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).configFile).toBeNull();
  });
});
