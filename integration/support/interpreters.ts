import { realpath } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { debianPackage } from './debian.js';

export interface Interpreter {
  /** Path to run (a pyenv build, or a python found on PATH). */
  python: string;
  /** `major.minor.micro`, as the interpreter reports it. */
  version: string;
  setuptoolsVersion: string;
  /**
   * Set when the interpreter ships no setuptools (pyenv's 3.12 and 3.13): the directories whose entries
   * `makeVenv` copies into each of its venvs (Debian's pure-Python setuptools and pkg_resources).
   */
  setuptoolsFrom?: string[];
}

export interface SkippedInterpreter {
  python: string;
  reason: string;
}

export interface InterpreterSearch {
  found: Interpreter[];
  skipped: SkippedInterpreter[];
}

const PROBE =
  'import sys, os\n' +
  "sys.stdout.write('%d.%d.%d\\n%s\\n' % (sys.version_info[:3] + (os.path.realpath(sys.executable),)))\n" +
  'import setuptools\n' +
  "sys.stdout.write(setuptools.__version__ + '\\n')\n";

async function pyenvCandidates(): Promise<string[]> {
  try {
    const root = (await execa('pyenv', ['root'])).stdout.trim();
    const versions = (await execa('pyenv', ['versions', '--bare', '--skip-aliases'])).stdout;
    return versions
      .split('\n')
      .map((v) => v.trim())
      .filter((v) => /^\d+\.\d+/.test(v))
      .map((v) => join(root, 'versions', v, 'bin', 'python'));
  } catch {
    return [];
  }
}

function pathCandidates(): string[] {
  const names = ['python3', 'python', ...Array.from({ length: 10 }, (_, i) => `python3.${i + 6}`)];
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d && !d.includes('.pyenv/shims'));
  return dirs.flatMap((dir) => names.map((name) => join(dir, name)));
}

async function probe(
  python: string,
  path: string[] = [],
): Promise<{ version: string; executable: string; setuptools?: string }> {
  const result = await execa(python, ['-c', PROBE], {
    reject: false,
    timeout: 30_000,
    env: { PYTHONPATH: path.join(delimiter) },
  });
  const [version, executable, setuptools] = result.stdout.split('\n');
  if (!version || !executable) throw new Error(result.stderr.trim().split('\n').pop() || 'did not run');
  return { version, executable, ...(result.exitCode === 0 && setuptools ? { setuptools } : {}) };
}

/**
 * Every CPython on this machine worth testing against: pyenv's builds, then what PATH offers (pyenv's
 * own shims excluded; they only re-dispatch). Each must import setuptools, its own or Debian's laid in
 * (Python 3.7+); the rest are listed as skipped with the reason, so a test can say which versions it
 * did not cover.
 */
export async function findInterpreters(): Promise<InterpreterSearch> {
  const found: Interpreter[] = [];
  const skipped: SkippedInterpreter[] = [];
  const seen = new Set<string>();
  for (const python of [...(await pyenvCandidates()), ...pathCandidates()]) {
    let real: string;
    try {
      real = await realpath(python);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    try {
      const facts = await probe(python);
      if (seen.has(facts.executable) && facts.executable !== real) continue;
      seen.add(facts.executable);
      if (facts.setuptools)
        found.push({ python, version: facts.version, setuptoolsVersion: facts.setuptools });
      else if (!atLeast(facts.version, '3.7'))
        skipped.push({ python, reason: `Python ${facts.version} has no setuptools` });
      else {
        const laid = await withDebianSetuptools(python, facts.version);
        if ('reason' in laid) skipped.push({ python, reason: laid.reason });
        else found.push(laid);
      }
    } catch (error) {
      skipped.push({ python, reason: `does not run: ${(error as Error).message}` });
    }
  }
  return { found, skipped };
}

const laidIn = new Map<string, string[]>();

/** The directories `makeVenv` copies into a venv of `python`, if it needs setuptools laid in. */
export function setuptoolsLaidIn(python: string): string[] | undefined {
  return laidIn.get(python);
}

/**
 * pyenv builds Python 3.12+ without setuptools (ensurepip stopped bundling it) and CI reaches no PyPI:
 * Debian's setuptools is pure Python, so its files, copied into the venv's site-packages, make a venv
 * that builds like any other. Checked here by importing setuptools with them on the path; a Python it
 * does not import on is skipped with the error.
 */
async function withDebianSetuptools(
  python: string,
  version: string,
): Promise<Interpreter | SkippedInterpreter> {
  const none = `Python ${version} has no setuptools`;
  let from: string[];
  try {
    const packages = await Promise.all(['python3-setuptools', 'python3-pkg-resources'].map(debianPackage));
    from = packages.map((p) => p.distPackages);
  } catch (error) {
    return { python, reason: `${none}, and Debian's could not be had: ${(error as Error).message}` };
  }
  const facts = await probe(python, from).catch((error: Error) => ({ error }));
  if ('error' in facts || !facts.setuptools)
    return { python, reason: `${none}, and Debian's does not import on it` };
  laidIn.set(python, from);
  return { python, version: facts.version, setuptoolsVersion: facts.setuptools, setuptoolsFrom: from };
}

/** `3.11.7` >= `3.6`? */
export function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}
