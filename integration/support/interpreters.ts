import { realpath } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';

export interface Interpreter {
  /** Path to run (a pyenv build, or a python found on PATH). */
  python: string;
  /** `major.minor.micro`, as the interpreter reports it. */
  version: string;
  setuptoolsVersion: string;
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

async function probe(python: string): Promise<{ version: string; executable: string; setuptools?: string }> {
  const result = await execa(python, ['-c', PROBE], {
    reject: false,
    timeout: 30_000,
    env: { PYTHONPATH: '' },
  });
  const [version, executable, setuptools] = result.stdout.split('\n');
  if (!version || !executable) throw new Error(result.stderr.trim().split('\n').pop() || 'did not run');
  return { version, executable, ...(result.exitCode === 0 && setuptools ? { setuptools } : {}) };
}

/**
 * Every CPython on this machine worth testing against: pyenv's builds, then what PATH offers (pyenv's
 * own shims excluded; they only re-dispatch). Each must import setuptools; the rest are listed as
 * skipped with the reason, so a test can say which versions it did not cover.
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
      else skipped.push({ python, reason: `Python ${facts.version} has no setuptools` });
    } catch (error) {
      skipped.push({ python, reason: `does not run: ${(error as Error).message}` });
    }
  }
  return { found, skipped };
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
