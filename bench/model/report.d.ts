/** @param {Result} result */
export function resultTable(result: Result): string;
/** @param {Result} result */
export function calibrationNote(result: Result): string;
/** @param {Result} result */
export function raceSweepTable(result: Result): string;
/** @param {ReturnType<typeof import('./sensitivity.js').runSensitivity>} rows */
export function sensitivityTable(rows: ReturnType<typeof import('./sensitivity.js').runSensitivity>): string;
export type Result = ReturnType<typeof import('./experiment.js').runExperiment>;
