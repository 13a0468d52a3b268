import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciOutput } from '../../src/report/ci/index.js';
import { appendStepSummary, stepSummary, worthSummarising } from '../../src/report/ci/step-summary.js';
import { retriedReport } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ps-summary-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the GitHub step summary', () => {
  it('has the headline, an attempts table, the evidence and the time lost', () => {
    const markdown = stepSummary(retriedReport());
    expect(markdown).toContain('### plugin-settle: succeeded on attempt 2 after a plugin merge race');
    // Attempt 1 started at 0 s, attempt 2 at 5 s: five seconds went to the race.
    expect(markdown).toContain('`python3 setup.py build` · 2 attempt(s) · time lost to the race: 5.0 s');
    expect(markdown).toContain('| attempt | exit | failure | plugin loader | decision | waited |');
    expect(markdown).toContain(
      "| 1 | 1 | ModuleNotFoundError: No module named 'pbr' | `setuptools.command.egg_info:run (egg_info.writers)` | retry: ModuleNotFoundError: No module named 'pbr' while pip is merging | 3.0 s |",
    );
    expect(markdown).toContain('| 2 | 0 |  |  |  |  |');
    expect(markdown).toContain('- merge in progress: pip `/venv/lib/python3.11/site-packages/~br` (pid 42)');
    expect(markdown).toContain('- addDir `/venv/lib/python3.11/site-packages/pbr-6.0.dist-info` (journal)');
  });

  it('keeps table cells on one line and their pipes literal', () => {
    const report = retriedReport();
    report.attempts[0]!.decision = { action: 'retry', reason: 'a | b\nc' };
    expect(stepSummary(report)).toContain('| retry: a \\| b c |');
  });

  it('is written only when there was a race to tell about', () => {
    expect(worthSummarising(retriedReport())).toBe(true);
    const clean = retriedReport({ attempts: retriedReport().attempts.slice(1) });
    expect(worthSummarising(clean)).toBe(false);
    expect(worthSummarising({ ...clean, result: 'not-a-race', exitCode: 1 })).toBe(true);
  });

  it('is appended to the file, after what other steps wrote', async () => {
    const file = join(dir, 'summary.md');
    await writeFile(file, '# earlier step\n');
    expect(await appendStepSummary(file, 'ours\n')).toBeNull();
    expect(await readFile(file, 'utf8')).toBe('# earlier step\nours\n');
  });

  it('a path that goes nowhere is a warning, not an exception', async () => {
    const warning = await appendStepSummary(join(dir, 'no', 'such', 'dir', 'summary.md'), 'x');
    expect(warning).toMatch(/cannot append the step summary to GITHUB_STEP_SUMMARY=.*\(ENOENT\)/);
    expect(await appendStepSummary(dir, 'x')).toMatch(/\(EISDIR\)/);
  });
});

describe('ciOutput', () => {
  const run = (env: NodeJS.ProcessEnv) => {
    const lines: string[] = [];
    const ci = ciOutput({
      env,
      write: (line) => lines.push(line),
      command: ['make'],
      maxAttempts: 4,
      now: () => 1_000_000,
    });
    return { ci, lines };
  };

  it('is nothing outside GitHub Actions and GitLab CI', () => {
    expect(run({}).ci).toBeNull();
    expect(run({ GITHUB_ACTIONS: 'false', CI: 'true' }).ci).toBeNull();
  });

  it('GitHub: attempt 1 in the open, each retry in a group, then annotations and the summary file', async () => {
    const file = join(dir, 'gh-summary.md');
    const { ci, lines } = run({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: file });
    ci!.attemptStarting(1);
    ci!.attemptEnded(1);
    ci!.attemptStarting(2);
    expect(await ci!.finish(retriedReport())).toBeNull();
    expect(lines.slice(0, 2)).toEqual([
      '::group::plugin-settle: attempt 2 of at most 4: make',
      '::endgroup::',
    ]);
    expect(lines[2]).toMatch(/^::warning title=plugin-settle%3A plugin merge race/);
    expect(await readFile(file, 'utf8')).toContain('### plugin-settle: succeeded on attempt 2');
  });

  it('GitHub without GITHUB_STEP_SUMMARY, or with one that points nowhere, still annotates', async () => {
    const { ci, lines } = run({ GITHUB_ACTIONS: 'true' });
    expect(await ci!.finish(retriedReport())).toBeNull();
    expect(lines).toHaveLength(1);
    const nowhere = run({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'missing', 'x.md') });
    expect(await nowhere.ci!.finish(retriedReport())).toMatch(/ENOENT/);
    expect(nowhere.lines).toHaveLength(1);
  });

  it('GitLab: a section per attempt, closed once', async () => {
    const { ci, lines } = run({ GITLAB_CI: 'true' });
    ci!.attemptStarting(1);
    ci!.attemptEnded(1);
    ci!.attemptStarting(2);
    await ci!.finish(retriedReport());
    expect(lines).toEqual([
      '\x1b[0Ksection_start:1000:plugin_settle_attempt_1\r\x1b[0Kplugin-settle: attempt 1 of at most 4: make',
      '\x1b[0Ksection_end:1000:plugin_settle_attempt_1\r\x1b[0K',
      '\x1b[0Ksection_start:1000:plugin_settle_attempt_2\r\x1b[0Kplugin-settle: attempt 2 of at most 4: make',
      '\x1b[0Ksection_end:1000:plugin_settle_attempt_2\r\x1b[0K',
    ]);
  });
});
