import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CALIBRATION, PR1679 } from '../../bench/model/defaults.js';
import { expectedFailures } from '../../bench/model/expectation.js';
import { buildGraph, runExperiment } from '../../bench/model/experiment.js';
import { resultTable } from '../../bench/model/report.js';

const RUN = fileURLToPath(new URL('../../bench/model/run.js', import.meta.url));
const race = { raceProbability: 0.2, healMissProbability: 0.1, settleSec: 0.75 };

describe('the generated graph has the shape of PR #1679', () => {
  it.each([1, 2, 3])('seed %i: 1,674 packages, 31.5 h of builds, a 4.24 h critical path', (seed) => {
    const { graph, calibration } = buildGraph(seed);
    expect(graph.size).toBe(PR1679.packages);
    expect(calibration.converged).toBe(true);
    expect(Math.abs(calibration.totalBuildSec / 3600 / PR1679.totalBuildHours - 1)).toBeLessThanOrEqual(
      CALIBRATION.tolerance,
    );
    expect(Math.abs(calibration.criticalPathSec / 3600 / PR1679.criticalPathHours - 1)).toBeLessThanOrEqual(
      CALIBRATION.tolerance,
    );
    // setuptools plugins exist and many builds load them: otherwise there is nothing to race
    expect(graph.isPlugin.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(graph.loadsPlugins.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    // the system set is closed under dependencies, as Portage's deep system deps are
    graph.isSystem.forEach((flag, pkg) => {
      if (flag) for (const dep of graph.deps[pkg] ?? []) expect(graph.isSystem[dep]).toBe(1);
    });
    expect(graph.isSystem.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });

  it('is the same graph for the same seed and a different one for another seed', () => {
    expect(buildGraph(5).graph).toEqual(buildGraph(5).graph);
    expect(buildGraph(5).graph.build).not.toEqual(buildGraph(6).graph.build);
  });
});

describe('an experiment', () => {
  const small = { jobs: [2, 8], replicates: 3, race, graph: { packages: 300 } };

  it('is deterministic for a seed', () => {
    expect(runExperiment({ seed: 11, ...small })).toEqual(runExperiment({ seed: 11, ...small }));
  });

  it('reports every policy per --jobs, never beating the bound, utilisation within [0, 1]', () => {
    const result = runExperiment({ seed: 11, ...small });
    const ids = ['merge-wait', 'system-stop', 'system-settle', 'stop-at-failure', 'rebuild', 'plugin-settle'];
    expect(result.rows.map((row) => `${row.jobs} ${row.id}`)).toEqual([
      ...ids.map((id) => `2 ${id}`),
      ...ids.map((id) => `8 ${id}`),
    ]);
    for (const row of result.rows) {
      expect(row.ratioToBound).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(row.utilisation).toBeGreaterThan(0);
      expect(row.utilisation).toBeLessThanOrEqual(1);
    }
    expect(resultTable(result).split('\n')).toHaveLength(2 + result.rows.length);
  });
});

describe('expected failures of an unprotected emerge', () => {
  it('follow 1 − (1 − p)^k per build and multiply the survivals', () => {
    // 5 builds never overlapped a plugin merge, 2 overlapped one, 1 overlapped two
    const exposure = new Map([
      [0, 5],
      [1, 2],
      [2, 1],
    ]);
    const { expectedFailedBuilds, probabilityNoFailure } = expectedFailures(exposure, 0.5);
    expect(expectedFailedBuilds).toBeCloseTo(2 * 0.5 + 0.75, 12);
    expect(probabilityNoFailure).toBeCloseTo(0.5 ** 4, 12);
    expect(expectedFailures(exposure, 1)).toEqual({ expectedFailedBuilds: 3, probabilityNoFailure: 0 });
    expect(expectedFailures(exposure, 0)).toEqual({ expectedFailedBuilds: 0, probabilityNoFailure: 1 });
  });
});

describe('node bench/model/run.js', () => {
  it('--json prints exactly one JSON object with the rows for each --jobs', () => {
    const stdout = execFileSync(
      process.execPath,
      [RUN, '--quick', '--json', '--jobs', '4', '--replicates', '2'],
      {
        encoding: 'utf8',
      },
    );
    const parsed = JSON.parse(stdout);
    expect(parsed.rows.map((row: { id: string }) => row.id)).toEqual([
      'merge-wait',
      'system-stop',
      'system-settle',
      'stop-at-failure',
      'rebuild',
      'plugin-settle',
    ]);
    expect(parsed.graph.packages).toBe(PR1679.packages);
  });

  it('refuses a probability outside [0, 1] in one line', () => {
    const child = spawnSync(process.execPath, [RUN, '--quick', '--p', '1.5'], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toBe('bench/model: --p 1.5: expected a number in [0, 1]\n');
  });
});
