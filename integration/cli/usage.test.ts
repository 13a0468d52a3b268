import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';

// Bad usage anywhere is one `plugin-settle:` line and 125; durations read the same in every option.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugin-settle-usage-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  return lines[0] as string;
}

describe('run with an empty command name', () => {
  it("is 127 with one line, as `timeout ''` and `env ''` answer", async () => {
    const result = await runCli(['run', '--', '']);
    expect(result.code).toBe(127);
    expect(oneLine(result.stderr)).toBe(
      "plugin-settle: command not found: '' (the command after -- is empty; check its quoting)",
    );
    expect(result.stderr).not.toMatch(/ERR_INVALID_ARG_VALUE/);
  });
});

describe('shim usage errors', () => {
  it.each([
    [['shim', 'install'], /^plugin-settle: missing required argument 'dir' \(see --help\)$/],
    [['shim', 'env', '--bogus'], /^plugin-settle: unknown option '--bogus' \(see --help\)$/],
    [['shim', 'install', dir, 'extra'], /^plugin-settle: too many arguments for 'install'/],
  ])('%j: the plugin-settle: prefix and 125', async (args, line) => {
    const result = await runCli(args);
    expect(result.code).toBe(125);
    expect(oneLine(result.stderr)).toMatch(line);
  });
});

describe('one duration syntax for every option', () => {
  it('run takes 750, 750ms, 2s and 1.5s in each duration option', async () => {
    const result = await runCli([
      'run',
      '--window',
      '750',
      '--settle',
      '750ms',
      '--max-wait',
      '2s',
      '--stale-after',
      '1.5s',
      '--kill-after',
      '1s',
      '--',
      'true',
    ]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('config resolves them to milliseconds', async () => {
    const result = await runCli(['config', '--json', '--settle', '2s', '--max-wait', '1.5s'], { cwd: dir });
    const { settings } = JSON.parse(result.stdout);
    expect(settings.settle.value).toBe(2000);
    expect(settings.maxWait.value).toBe(1500);
  });

  it('merge --max-wait 2s is accepted, like run --max-wait 2s', async () => {
    const image = join(dir, 'image');
    const root = join(dir, 'root');
    await mkdir(join(image, 'pkg'), { recursive: true });
    await mkdir(root, { recursive: true });
    await writeFile(join(image, 'pkg', '__init__.py'), '');
    const result = await runCli(['merge', '--quiet', '--max-wait', '2s', image, root]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('status --since 2s --stale-after 1.5s is accepted and reported in seconds', async () => {
    const result = await runCli(['status', '--watch', dir, '--since', '2s', '--stale-after', '1.5s']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^changes in the last 2 s:/m);
  });

  it.each([
    ['run', '--settle'],
    ['merge', '--max-wait'],
    ['status', '--since'],
    ['status', '--stale-after'],
  ])('%s %s soon: the same one-line refusal', async (command, flag) => {
    const result = await runCli([command, flag, 'soon', ...(command === 'run' ? ['--', 'true'] : [])]);
    expect(result.code).toBe(125);
    expect(oneLine(result.stderr)).toContain("expected a duration in ms (e.g. 750, 750ms or 2s), got 'soon'");
  });
});
