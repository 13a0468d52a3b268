import type { Report } from '../../src/report/types.js';

/** A report of a run that survived one race on attempt 1, with every field CI output reads. */
export function retriedReport(overrides: Partial<Report> = {}): Report {
  return {
    version: 1,
    command: ['python3', 'setup.py', 'build'],
    cwd: '/src/proj',
    roots: ['/venv/lib/python3.11/site-packages'],
    started: '2026-01-01T00:00:00.000Z',
    ended: '2026-01-01T00:00:09.000Z',
    result: 'succeeded',
    exitCode: 0,
    signal: null,
    attempts: [
      {
        n: 1,
        started: '2026-01-01T00:00:00.000Z',
        ended: '2026-01-01T00:00:02.000Z',
        exitCode: 1,
        signal: null,
        classification: {
          category: 'missing-module',
          exception: { type: 'ModuleNotFoundError', message: "No module named 'pbr'" },
          module: 'pbr',
          topLevel: 'pbr',
          distribution: 'pbr',
          files: [],
          loader: { frame: 'setuptools.command.egg_info:run', group: 'egg_info.writers' },
        },
        evidence: {
          changes: [
            {
              path: '/venv/lib/python3.11/site-packages/pbr-6.0.dist-info',
              kind: 'addDir',
              time: 1,
              source: 'journal',
            },
          ],
          merges: [{ kind: 'pip', path: '/venv/lib/python3.11/site-packages/~br', pid: 42, stale: false }],
        },
        decision: {
          action: 'retry',
          reason: "ModuleNotFoundError: No module named 'pbr' while pip is merging",
        },
        waitedMs: 3000,
        probe: { ok: true, modules: ['pbr'] },
      },
      {
        n: 2,
        started: '2026-01-01T00:00:05.000Z',
        ended: '2026-01-01T00:00:09.000Z',
        exitCode: 0,
        signal: null,
      },
    ],
    inProcess: [],
    ...overrides,
  };
}
