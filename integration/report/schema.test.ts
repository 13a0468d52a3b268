import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, waitFor } from '../cli.js';
import { tempDirs } from '../support/temp.js';
import { makeFakeRace } from './fake-race.js';
import { assertValidReport, readValidReport, reportErrors } from './validate.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** Runs the built CLI with --report and returns the validated report and the exit status. */
async function reportOf(runArgs: string[], command: string[], cwd?: string) {
  const dir = cwd ?? (await temp.make('schema'));
  const file = join(dir, 'report.json');
  const result = await runCli(['run', '--report', file, ...runArgs, '--', ...command], { cwd: dir });
  return { code: result.code, stderr: result.stderr, report: await readValidReport(file) };
}

describe('every report the real CLI writes matches schema/report.schema.json', () => {
  it('succeeded at once', async () => {
    const { code, report } = await reportOf([], ['true']);
    expect([code, report.result, report.attempts.length]).toEqual([0, 'succeeded', 1]);
  });

  it('failed, not an import failure', async () => {
    const { code, report } = await reportOf([], ['sh', '-c', 'echo "error: no compiler" >&2; exit 3']);
    expect([code, report.result]).toEqual([3, 'failed']);
    expect(report.attempts[0]?.classification).toMatchObject({ category: 'unrelated' });
  });

  it('not-a-race: an import failure with nothing moving', async () => {
    const dir = await temp.make('schema');
    const race = await makeFakeRace(dir);
    const traceback =
      'printf \'Traceback (most recent call last):\\n  File "setup.py", line 1, in <module>\\n\' >&2; ' +
      'printf "ModuleNotFoundError: No module named \'nowhere_to_be_found\'\\n" >&2; exit 1';
    const { code, report } = await reportOf(race.args, ['sh', '-c', traceback], dir);
    expect([code, report.result]).toEqual([1, 'not-a-race']);
    expect(report.attempts[0]?.evidence).toEqual({ changes: [], merges: [] });
  });

  it('succeeded on a retry after a race, with evidence and the probe', async () => {
    const dir = await temp.make('schema');
    const race = await makeFakeRace(dir, { passOn: 2 });
    const { code, report } = await reportOf(race.args, race.command, dir);
    expect([code, report.result, report.attempts.length]).toEqual([0, 'succeeded', 2]);
    expect(report.attempts[0]?.decision?.action).toBe('retry');
    expect(report.attempts[0]?.evidence?.changes.length).toBeGreaterThan(0);
    expect(report.attempts[0]?.probe).toMatchObject({ ok: true, modules: ['pbr'] });
  });

  it('gave-up when the race keeps happening', async () => {
    const dir = await temp.make('schema');
    const race = await makeFakeRace(dir);
    const { code, report } = await reportOf(['--retries', '1', ...race.args], race.command, dir);
    expect([code, report.result, report.attempts.length]).toEqual([1, 'gave-up', 2]);
    expect(report.attempts.map((attempt) => attempt.decision?.action)).toEqual(['retry', 'give-up']);
  });

  it('interrupted by SIGTERM', async () => {
    const dir = await temp.make('schema');
    const file = join(dir, 'report.json');
    const ready = join(dir, 'ready');
    const wrapper = spawn(
      process.execPath,
      [CLI, 'run', '--report', file, '--', 'sh', '-c', `touch ${ready}; sleep 30`],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => wrapper.on('exit', resolve));
    await waitFor(
      'the child to start',
      async () =>
        (await readFile(ready)
          .then(() => true)
          .catch(() => false)) || undefined,
    );
    wrapper.kill('SIGTERM');
    expect(await exited).toBe(143);
    const report = await readValidReport(file);
    expect([report.result, report.exitCode, report.signal]).toEqual(['interrupted', 143, 'SIGTERM']);
  });

  it('written to stderr with --report -', async () => {
    const result = await runCli(['run', '--report', '-', '--', 'true']);
    const report: unknown = JSON.parse(result.stderr);
    assertValidReport(report, 'the report on stderr');
  });
});

describe('the schema is strict enough to catch a wrong report', () => {
  it('rejects unknown results, missing fields, extra fields and bad attempts', async () => {
    const { report } = await reportOf([], ['true']);
    expect(reportErrors(report)).toEqual([]);
    expect(reportErrors({ ...report, result: 'ok' })).not.toEqual([]);
    expect(reportErrors({ ...report, attempts: undefined })).not.toEqual([]);
    expect(reportErrors({ ...report, surprise: 1 })).not.toEqual([]);
    expect(reportErrors({ ...report, version: 2 })).not.toEqual([]);
    expect(reportErrors({ ...report, attempts: [{ ...report.attempts[0], n: 0 }] })).not.toEqual([]);
    expect(reportErrors({ ...report, started: 'yesterday' })).not.toEqual([]);
    expect(reportErrors({ ...report, inProcess: [{ event: 'exploded' }] })).not.toEqual([]);
  });
});
