/**
 * @param {Map<number, number>} exposure overlaps per finished build → number of builds
 * @param {number} raceProbability
 */
export function expectedFailures(
  exposure: Map<number, number>,
  raceProbability: number,
): {
  expectedFailedBuilds: number;
  probabilityNoFailure: number;
};
/** @param {number[]} values */
export function mean(values: number[]): number;
