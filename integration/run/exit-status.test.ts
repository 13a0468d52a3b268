import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { assertValidReport, readValidReport } from '../report/validate.js';

describe('run: exit statuses tell the truth', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ps-exit-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([0, 1, 7, 255])('passes exit code %i through', async (code) => {
    const result = await runCli(['run', '--', 'sh', '-c', `exit ${code}`]);
    expect(result.code).toBe(code);
  });

  it('gives 137 when the child dies of SIGKILL', async () => {
    const result = await runCli(['run', '--', 'sh', '-c', 'kill -KILL $$']);
    expect(result.code).toBe(137);
  });

  it('gives 127 and one line for a command that does not exist', async () => {
    const result = await runCli(['run', '--', 'no-such-command-ps']);
    expect(result.code).toBe(127);
    expect(result.stderr.trim().split('\n')).toEqual([
      'plugin-settle: command not found: no-such-command-ps (check the name and PATH)',
    ]);
  });

  it('gives 126 and one line for a file that is not executable', async () => {
    const file = join(dir, 'not-executable');
    await writeFile(file, 'echo hi\n');
    await chmod(file, 0o644);
    const result = await runCli(['run', '--', file]);
    expect(result.code).toBe(126);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot execute .*not-executable/);
  });

  it.each([
    [['run', '--retries', '-1', '--', 'true'], /--retries.*whole number/],
    [['run', '--window', 'abc', '--', 'true'], /--window.*duration/],
    [['run', '--evidence', 'some', '--', 'true'], /one of relevant, any/],
    [['run', '--no-such-option', '--', 'true'], /unknown option/],
    [['run'], /missing required argument/],
  ])('gives 125 and one line for bad usage: %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(125);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('gives 125 for a malformed environment override, naming the variable', async () => {
    const result = await runCli(['run', '--', 'true'], { env: { PLUGIN_SETTLE_RETRIES: 'many' } });
    expect(result.code).toBe(125);
    expect(result.stderr).toMatch(/PLUGIN_SETTLE_RETRIES/);
    const bool = await runCli(['run', '--', 'true'], { env: { PLUGIN_SETTLE_HOLD: 'perhaps' } });
    expect(bool.code).toBe(125);
    expect(bool.stderr).toMatch(/PLUGIN_SETTLE_HOLD/);
  });

  it('does not read the command’s own options as ours', async () => {
    const result = await runCli(['run', '--', 'sh', '-c', 'echo "$@"', 'sh', '--retries', '--help']);
    expect(result).toMatchObject({ code: 0, stdout: '--retries --help\n' });
  });

  it('writes the JSON report atomically to a file, or to stderr with -', async () => {
    const file = join(dir, 'report.json');
    const result = await runCli(['run', '--report', file, '--', 'sh', '-c', 'exit 3']);
    expect(result.code).toBe(3);
    const { readdir } = await import('node:fs/promises');
    const report = await readValidReport(file);
    expect(report).toMatchObject({
      version: 1,
      result: 'failed',
      exitCode: 3,
      command: ['sh', '-c', 'exit 3'],
    });
    expect(report.attempts).toHaveLength(1);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const toStderr = await runCli(['run', '--report', '-', '--', 'true']);
    const fromStderr = JSON.parse(toStderr.stderr);
    assertValidReport(fromStderr, 'report on stderr');
    expect(fromStderr).toMatchObject({ version: 1, result: 'succeeded', exitCode: 0 });
  });
});
