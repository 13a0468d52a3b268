import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { tempDirs } from '../support/temp.js';
import { makeFakeRace } from './fake-race.js';
import { readValidReport } from './validate.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

// The variables a CI runner would set; tests run inside CI too, so each case sets all of them.
const NOT_CI = { GITHUB_ACTIONS: '', GITLAB_CI: '', GITHUB_STEP_SUMMARY: '' };

async function wrappedRace(options: { passOn?: number; retries?: number; env: Record<string, string> }) {
  const dir = await temp.make('ci');
  const race = await makeFakeRace(dir, options.passOn ? { passOn: options.passOn } : {});
  const reportFile = join(dir, 'report.json');
  const result = await runCli(
    [
      'run',
      '--retries',
      String(options.retries ?? 3),
      '--report',
      reportFile,
      ...race.args,
      '--',
      ...race.command,
    ],
    { cwd: dir, env: { ...NOT_CI, ...options.env } },
  );
  return { ...result, dir, race, report: await readValidReport(reportFile) };
}

/** The lines of stderr between two markers, the markers included. */
function between(stderr: string, start: string, end: string): string[] {
  const lines = stderr.split('\n');
  const from = lines.indexOf(start);
  const to = lines.indexOf(end, from);
  return from >= 0 && to > from ? lines.slice(from, to + 1) : [];
}

describe('GitHub Actions (GITHUB_ACTIONS=true)', () => {
  it('groups the retry, warns once per race survived, and appends the step summary after what was there', async () => {
    const summary = join(await temp.make('ci-summary'), 'step-summary.md');
    await writeFile(summary, '## an earlier step\n');
    const run = await wrappedRace({
      passOn: 2,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.code, run.stderr).toBe(0);
    const command = run.race.command.join(' ');
    const group = between(
      run.stderr,
      `::group::plugin-settle: attempt 2 of at most 4: ${command}`,
      '::endgroup::',
    );
    expect(group, run.stderr).toContain('build attempt 2');
    expect(run.stderr.split('\n').indexOf('build attempt 1')).toBeLessThan(run.stderr.indexOf('::group::'));
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('::warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^::warning title=plugin-settle%3A plugin merge race \(pbr\)::attempt 1 failed: ModuleNotFoundError: No module named 'pbr' while .*\. Waited \d+\.\d s for the merge to finish, then retried\.$/,
    );
    expect(run.stderr).not.toContain('::error');
    const markdown = await readFile(summary, 'utf8');
    expect(
      markdown.startsWith(
        '## an earlier step\n### plugin-settle: succeeded on attempt 2 after a plugin merge race\n',
      ),
    ).toBe(true);
    expect(markdown).toMatch(/time lost to the race: \d+\.\d s/);
    expect(markdown).toMatch(/^\| 1 \| 1 \| ModuleNotFoundError: No module named 'pbr' \| {2}\| retry: /m);
    expect(markdown).toMatch(/^- (mtime|ctime|add|change) `.*pbr\.py`/m);
  });

  it('an ::error when it gives up, and the summary says so', async () => {
    const summary = join(await temp.make('ci-summary'), 'step-summary.md');
    const run = await wrappedRace({
      retries: 1,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.code).toBe(1);
    expect(run.report.result).toBe('gave-up');
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('::error'));
    expect(errors).toEqual([
      expect.stringMatching(/^::error title=plugin-settle%3A gave up::gave up after 2 attempts \(exit 1\): /),
    ]);
    expect(await readFile(summary, 'utf8')).toContain('### plugin-settle: gave up after 2 attempts');
  });

  it('a GITHUB_STEP_SUMMARY that points nowhere costs a warning, not the build', async () => {
    const nowhere = join(await temp.make('ci-summary'), 'no', 'such', 'dir', 'summary.md');
    const run = await wrappedRace({
      passOn: 2,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: nowhere },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.result).toBe('succeeded');
    expect(run.stderr).toMatch(
      /^plugin-settle: warning: cannot append the step summary to GITHUB_STEP_SUMMARY=.* \(ENOENT\)/m,
    );
  });

  it('a build that passes first time leaves no trace', async () => {
    const summary = join(await temp.make('ci-summary'), 'step-summary.md');
    const result = await runCli(['run', '--', 'sh', '-c', 'echo built >&2'], {
      env: { ...NOT_CI, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect([result.code, result.stderr]).toEqual([0, 'built\n']);
    await expect(readFile(summary)).rejects.toThrow(/ENOENT/);
  });
});

describe('GitLab CI (GITLAB_CI=true)', () => {
  it('a collapsible section around each attempt, holding that attempt’s output', async () => {
    const run = await wrappedRace({ passOn: 2, env: { GITLAB_CI: 'true' } });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.split('\n');
    for (const n of [1, 2]) {
      const start = lines.findIndex((line) =>
        new RegExp(
          `^\\x1b\\[0Ksection_start:\\d+:plugin_settle_attempt_${n}\\r\\x1b\\[0Kplugin-settle: attempt ${n} of at most 4: `,
        ).test(line),
      );
      const end = lines.findIndex((line) =>
        new RegExp(`^\\x1b\\[0Ksection_end:\\d+:plugin_settle_attempt_${n}\\r\\x1b\\[0K$`).test(line),
      );
      expect(start, run.stderr).toBeGreaterThanOrEqual(0);
      expect(lines.slice(start, end)).toContain(`build attempt ${n}`);
    }
    expect(run.stderr).not.toContain('::warning');
  });
});

describe('outside CI', () => {
  it('no workflow commands and no section lines', async () => {
    const run = await wrappedRace({ passOn: 2, env: {} });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/::(group|warning|error)|section_start/);
  });
});
