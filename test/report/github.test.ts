import { describe, expect, it } from 'vitest';
import { annotations } from '../../src/report/ci/annotations.js';
import { escapeData, escapeProperty, workflowCommand } from '../../src/report/ci/github.js';
import { retriedReport } from './fixtures.js';

describe('GitHub workflow command escaping (as @actions/core does it)', () => {
  it('escapes %, CR and LF in data, in that order so %0A stays literal text', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeData('already %0A escaped')).toBe('already %250A escaped');
    expect(escapeData('a: b, c')).toBe('a: b, c');
  });

  it('escapes : and , in property values as well', () => {
    expect(escapeProperty('plugin-settle: race (pbr, egg_info.writers)')).toBe(
      'plugin-settle%3A race (pbr%2C egg_info.writers)',
    );
    expect(escapeProperty('50%\n')).toBe('50%25%0A');
  });

  it('builds ::name props::message and leaves out empty properties', () => {
    expect(workflowCommand('warning', { title: 'a:b', file: undefined, line: '' }, 'x\ny')).toBe(
      '::warning title=a%3Ab::x%0Ay',
    );
    expect(workflowCommand('error', {}, 'boom')).toBe('::error::boom');
  });
});

describe('annotations of a report', () => {
  it('one warning per race survived, naming module, loader and wait', () => {
    const [warning, ...rest] = annotations(retriedReport());
    expect(rest).toEqual([]);
    expect(warning).toBe(
      '::warning title=plugin-settle%3A plugin merge race (pbr%2C setuptools.command.egg_info%3Arun (egg_info.writers))::' +
        "attempt 1 failed: ModuleNotFoundError: No module named 'pbr' while pip is merging. " +
        'Waited 3.0 s for the merge to finish, then retried.',
    );
  });

  it('a warning for each load the in-process shim healed', () => {
    const report = retriedReport({
      attempts: retriedReport().attempts.slice(1),
      inProcess: [
        { event: 'waiting', module: 'pbr' },
        {
          event: 'healed',
          module: 'pbr',
          group: 'distutils.setup_keywords',
          entry_point: 'pbr = pbr.core:pbr',
          waited_ms: 1200,
        },
      ],
    });
    expect(annotations(report)).toEqual([
      '::warning title=plugin-settle%3A plugin merge race healed in process (pbr%2C distutils.setup_keywords)::' +
        'loading pbr = pbr.core:pbr from distutils.setup_keywords failed while it was being merged; waited 1.2 s and loaded it again, no rebuild.',
    ]);
  });

  it('an error when it gave up, with a multi-line reason kept on one line', () => {
    const report = retriedReport({ result: 'gave-up', exitCode: 1, reason: 'still broken\nafter all' });
    expect(annotations(report).at(-1)).toBe(
      '::error title=plugin-settle%3A gave up::gave up after 2 attempts (exit 1): still broken%0Aafter all',
    );
  });

  it('nothing for a run without a race', () => {
    expect(annotations(retriedReport({ attempts: retriedReport().attempts.slice(1) }))).toEqual([]);
  });
});

describe('plugin-settle’s own failures in CI', () => {
  it('an ::error in GitHub Actions; GitLab has no annotations, the stderr line says it', async () => {
    const { ciOutput } = await import('../../src/report/ci/index.js');
    const lines: string[] = [];
    const options = { write: (line: string) => lines.push(line), command: ['python3'], maxAttempts: 1 };
    ciOutput({ ...options, env: { GITHUB_ACTIONS: 'true' } })!.ourFailure(
      'cannot write the report to /x/r.json: ENOENT',
    );
    expect(lines).toEqual(['::error title=plugin-settle::cannot write the report to /x/r.json: ENOENT']);
    ciOutput({ ...options, env: { GITLAB_CI: 'true' } })!.ourFailure('ignored');
    expect(lines).toHaveLength(1);
  });
});
