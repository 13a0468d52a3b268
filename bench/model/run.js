#!/usr/bin/env node
// @ts-check
// node bench/model/run.js [--seed N] [--quick] [--json] [--jobs 4,16,32] [--p 0.2] [--q 0.1] [--settle 0.75]
//   [--replicates N]   (--p: race probability per overlapping plugin merge; --q: chance the heal misses)
// The seeded scheduling model of `emerge -e @world` at Gentoo scale (issue #8, item 5). No real processes.
import { parseArgs } from 'node:util';
import { RACE_DEFAULTS, RUN_DEFAULTS } from './defaults.js';
import { runExperiment } from './experiment.js';
import { calibrationNote, raceSweepTable, resultTable, sensitivityTable } from './report.js';
import { runSensitivity } from './sensitivity.js';

/**
 * @param {string | undefined} text
 * @param {number} fallback
 * @param {string} flag
 * @param {{ min?: number; max?: number; integer?: boolean }} [range]
 */
function number(
  text,
  fallback,
  flag,
  { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, integer = false } = {},
) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new Error(`--${flag} ${text}: expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
  }
  return value;
}

function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      p: { type: 'string' },
      q: { type: 'string' },
      settle: { type: 'string' },
      replicates: { type: 'string' },
    },
  });
  const seed = number(values.seed, RUN_DEFAULTS.seed, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true });
  const jobs = values.jobs
    ? values.jobs.split(',').map((part) => number(part, 1, 'jobs', { min: 1, max: 1024, integer: true }))
    : RUN_DEFAULTS.jobs;
  const fallbackReplicates = values.quick ? RUN_DEFAULTS.quickReplicates : RUN_DEFAULTS.replicates;
  const race = {
    raceProbability: number(values.p, RACE_DEFAULTS.raceProbability, 'p', { min: 0, max: 1 }),
    healMissProbability: number(values.q, RACE_DEFAULTS.healMissProbability, 'q', { min: 0, max: 1 }),
    settleSec: number(values.settle, RACE_DEFAULTS.settleSec, 'settle', { min: 0 }),
  };
  const replicates = number(values.replicates, fallbackReplicates, 'replicates', {
    min: 1,
    max: 100000,
    integer: true,
  });
  const started = performance.now();
  const result = runExperiment({ seed, jobs, replicates, race });
  const sensitivity = values.quick ? [] : runSensitivity(seed, 16);
  const elapsedSec = (performance.now() - started) / 1000;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...result, quick: values.quick, sensitivity, elapsedSec })}\n`);
    return;
  }
  const parts = [
    `### Scheduling model at Gentoo scale (seed ${seed}${values.quick ? ', --quick' : ''})`,
    resultTable(result),
    calibrationNote(result),
    raceSweepTable(result),
  ];
  if (sensitivity.length > 0) {
    parts.push(
      'Sensitivity of merge-wait at --jobs 16 to what PR #1679 does not report:',
      sensitivityTable(sensitivity),
    );
  }
  parts.push(
    `Reproduce: \`node bench/model/run.js --seed ${seed}${values.quick ? ' --quick' : ''}\` (${elapsedSec.toFixed(1)} s).`,
  );
  process.stdout.write(`${parts.join('\n\n')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench/model: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
