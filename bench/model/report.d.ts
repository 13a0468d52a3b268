/** @param {ReturnType<typeof import('./experiment.js').runExperiment>} result */
export function resultTable(result: ReturnType<typeof import('./experiment.js').runExperiment>): string;
/** @param {ReturnType<typeof import('./experiment.js').runExperiment>} result */
export function calibrationNote(result: ReturnType<typeof import('./experiment.js').runExperiment>): string;
/** @param {ReturnType<typeof import('./sensitivity.js').runSensitivity>} rows */
export function sensitivityTable(rows: ReturnType<typeof import('./sensitivity.js').runSensitivity>): string;
