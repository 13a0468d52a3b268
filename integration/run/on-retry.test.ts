import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { makeFakeRace } from '../report/fake-race.js';
import { readValidReport } from '../report/validate.js';
import { tempDirs } from '../support/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const NOT_CI = {
  GITHUB_ACTIONS: '',
  GITLAB_CI: '',
  GITHUB_STEP_SUMMARY: '',
  PLUGIN_SETTLE_ON_RETRY: undefined,
};

/** A race the real decision retries (fake-race.ts), wrapped with an --on-retry command. */
async function raceWith(onRetry: string, options: { passOn?: number; viaEnv?: boolean } = {}) {
  const dir = await temp.make('on-retry');
  const race = await makeFakeRace(dir, { passOn: options.passOn ?? 2 });
  const report = join(dir, 'report.json');
  const flags = options.viaEnv ? [] : ['--on-retry', onRetry];
  const result = await runCli(['run', ...flags, '--report', report, ...race.args, '--', ...race.command], {
    cwd: dir,
    env: { ...NOT_CI, ...(options.viaEnv ? { PLUGIN_SETTLE_ON_RETRY: onRetry } : {}) },
  });
  return { ...result, dir, race, report: await readValidReport(report) };
}

describe('run --on-retry <cmd>', () => {
  it('runs the command through the shell in the build directory after the wait, before the retry', async () => {
    // The command sees how many attempts ran, from the fake build's counter.
    const run = await raceWith('echo "after attempt $(cat attempts)" >> on-retry.log; echo cleaning');
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(run.dir, 'on-retry.log'), 'utf8')).toBe('after attempt 1\n');
    expect(await run.race.attempts()).toBe(2);
    // Its output goes to stderr: stdout is the build's.
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cleaning\n');
    const [first, second] = run.report.attempts;
    expect(first?.decision?.action).toBe('retry');
    expect(first?.onRetry).toMatchObject({
      exitCode: 0,
      signal: null,
      command: expect.stringContaining('on-retry.log'),
    });
    expect(first?.onRetry?.durationMs).toBeGreaterThanOrEqual(0);
    expect(second?.onRetry).toBeUndefined();
  });

  it('really removes what it is told to before the next attempt starts', async () => {
    const dir = await temp.make('on-retry-clean');
    const race = await makeFakeRace(dir, { passOn: 2 });
    await mkdir(join(dir, 'build', 'lib'), { recursive: true });
    const result = await runCli(['run', '--on-retry', 'rm -rf build/', ...race.args, '--', ...race.command], {
      cwd: dir,
      env: NOT_CI,
    });
    expect(result.code, result.stderr).toBe(0);
    await expect(stat(join(dir, 'build'))).rejects.toThrow(/ENOENT/);
  });

  it('PLUGIN_SETTLE_ON_RETRY sets it too', async () => {
    const run = await raceWith('touch from-env', { viaEnv: true });
    expect(run.code, run.stderr).toBe(0);
    await stat(join(run.dir, 'from-env'));
    expect(run.report.attempts[0]?.onRetry?.command).toBe('touch from-env');
  });

  it("a failing command stops the retries: one line says so, and the build's own status is returned", async () => {
    const run = await raceWith('echo cleaning; exit 3', { passOn: 99 });
    expect(run.code).toBe(1);
    expect(await run.race.attempts()).toBe(1);
    const ours = run.stderr.split('\n').filter((line) => line.includes('--on-retry'));
    expect(ours).toEqual([
      "plugin-settle: the --on-retry command failed with exit 3: echo cleaning; exit 3; not retrying (the build's own exit status stands)",
    ]);
    expect(run.report).toMatchObject({ result: 'failed', exitCode: 1 });
    expect(run.report.attempts).toHaveLength(1);
    expect(run.report.attempts[0]).toMatchObject({
      decision: {
        action: 'fail',
        reason: 'the --on-retry command failed with exit 3: echo cleaning; exit 3',
      },
      onRetry: { exitCode: 3, signal: null },
    });
  });
});
