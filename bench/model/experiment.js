// @ts-check
// One model run: generate and calibrate the graph for a seed, then replay it for each --jobs under each policy.
import { calibrate } from './calibrate.js';
import { PR1679 } from './defaults.js';
import { generateGraph } from './graph.js';
import { describeGraph } from './graph-summary.js';
import { createRng } from './prng.js';
import { rowsForJobs } from './rows.js';

/**
 * @typedef {object} ExperimentOptions
 * @property {number} seed
 * @property {number[]} jobs
 * @property {number} replicates
 * @property {import('./defaults.js').RaceOptions} race
 * @property {Partial<import('./defaults.js').GraphOptions>} [graph]
 */

/** @param {number} seed @param {Partial<import('./defaults.js').GraphOptions>} [graphOptions] */
export function buildGraph(seed, graphOptions = {}) {
  const graph = generateGraph(createRng(seed).fork('graph'), graphOptions);
  const calibration = calibrate(graph);
  return { graph, calibration };
}

/** @param {ExperimentOptions} options */
export function runExperiment(options) {
  const { graph, calibration } = buildGraph(options.seed, options.graph);
  const perJobs = options.jobs.map((jobs) => rowsForJobs(graph, jobs, options));
  return {
    seed: options.seed,
    replicates: options.replicates,
    race: options.race,
    graph: describeGraph(graph, calibration),
    reference: PR1679,
    rows: perJobs.flatMap((part) => part.rows),
    raceSweep: perJobs.flatMap((part) => part.raceSweep),
  };
}
