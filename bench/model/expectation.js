// @ts-check
// Failures expected from a race-free schedule. Without merge-wait, Portage's first failed build ends the emerge,
// so what matters is how many builds each plugin merge overlaps in the schedule that would run if no race hit:
// a build overlapping k plugin merges fails with probability 1 − (1 − p)^k.

/**
 * @param {Map<number, number>} exposure overlaps per finished build → number of builds
 * @param {number} raceProbability
 */
export function expectedFailures(exposure, raceProbability) {
  let expected = 0;
  let probabilityNoFailure = 1;
  for (const [overlaps, builds] of exposure) {
    const survive = (1 - raceProbability) ** overlaps;
    expected += builds * (1 - survive);
    probabilityNoFailure *= survive ** builds;
  }
  return { expectedFailedBuilds: expected, probabilityNoFailure };
}

/** @param {number[]} values */
export function mean(values) {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
