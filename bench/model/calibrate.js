// @ts-check
// Scales a generated graph's build times until its total build work and critical path match the targets.
// Ordinary builds set the total; the toolchain chain is then stretched or shrunk to set the critical path;
// repeat until both hold. Merge times are left as drawn: the PR reports nothing about them.
import { criticalPath, total } from './bounds.js';
import { CALIBRATION } from './defaults.js';

/**
 * @param {import('./graph.js').Graph} graph edited in place
 * @param {Partial<import('./defaults.js').CalibrationTargets>} [overrides]
 */
export function calibrate(graph, overrides = {}) {
  const targets = { ...CALIBRATION, ...overrides };
  const workTarget = targets.totalBuildHours * 3600;
  const pathTarget = targets.criticalPathHours * 3600;
  let rounds = 0;
  let work = total(graph.build);
  let path = criticalPath(graph);
  const off = () => Math.max(Math.abs(work / workTarget - 1), Math.abs(path / pathTarget - 1));
  while (off() > targets.tolerance && rounds < targets.maxRounds) {
    rounds++;
    const workScale = workTarget / work;
    for (let i = 0; i < graph.size; i++) graph.build[i] = (graph.build[i] ?? 0) * workScale;
    path = criticalPath(graph);
    let spineWork = 0;
    for (const pkg of graph.spine) spineWork += graph.build[pkg] ?? 0;
    const spineScale = Math.max(0.05, (spineWork + pathTarget - path) / spineWork);
    for (const pkg of graph.spine) graph.build[pkg] = (graph.build[pkg] ?? 0) * spineScale;
    work = total(graph.build);
    path = criticalPath(graph);
  }
  return { rounds, converged: off() <= targets.tolerance, totalBuildSec: work, criticalPathSec: path };
}
