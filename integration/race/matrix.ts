import { atLeast, findInterpreters, type Interpreter } from '../support/index.js';

/**
 * The interpreters the race suite covers. pkg_resources loads plugins before setuptools 61,
 * importlib.metadata after: the oldest Python 3 of the first kind and the newest of the second get
 * every case (`full`); every other interpreter with setuptools a smoke race (`smoke`). pyenv's 3.12 and
 * 3.13 ship no setuptools: they run with Debian's laid into their venvs (see `findInterpreters`), so
 * the newest of the second kind is 3.13 with Debian's setuptools 66 where the machine has both.
 */
const { found, skipped } = await findInterpreters();
const byAge = [...found].sort((a, b) => (atLeast(a.version, b.version) ? 1 : -1));
const usesImportlibMetadata = (i: Interpreter) => atLeast(i.setuptoolsVersion, '61');

export const oldest = byAge.find((i) => !usesImportlibMetadata(i) && atLeast(i.version, '3.3'));
export const newest = byAge.findLast(usesImportlibMetadata);
export const full = [oldest, newest].filter((i): i is Interpreter => i !== undefined);
export const smoke = byAge.filter((i) => !full.includes(i));
/** Runs the test installers (they need Python 3.6+, not setuptools). */
export const installerPython = byAge.findLast((i) => atLeast(i.version, '3.6'))?.python;

export const label = (i: Interpreter) => `Python ${i.version} (setuptools ${i.setuptoolsVersion})`;

/** Says once per test file what is not covered and why. */
export function warnUncovered(suite: string): void {
  if (!oldest) console.warn(`${suite}: no Python 3 with setuptools < 61 (pkg_resources loader): not covered`);
  if (!newest)
    console.warn(`${suite}: no Python with setuptools >= 61 (importlib.metadata loader): not covered`);
  for (const s of skipped) console.warn(`${suite}: skipped ${s.python}: ${s.reason}`);
}
