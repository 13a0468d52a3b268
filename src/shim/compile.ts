import { execFile } from 'node:child_process';
import { access, constants, realpath } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const NAMES = ['python3', ...Array.from({ length: 10 }, (_, i) => `python3.${i + 6}`)];

/** The distinct Python 3 interpreters on PATH (by real path), skipping `exclude` (our own shims). */
export async function pythonsOnPath(
  path = process.env.PATH ?? '',
  exclude: string[] = [],
): Promise<string[]> {
  const excluded = new Set(await Promise.all(exclude.map((dir) => realpath(dir).catch(() => dir))));
  const seen = new Set<string>();
  const found: string[] = [];
  for (const dir of path.split(delimiter).filter(Boolean)) {
    if (excluded.has(await realpath(dir).catch(() => dir))) continue;
    for (const name of NAMES) {
      const candidate = join(dir, name);
      try {
        await access(candidate, constants.X_OK);
        const real = await realpath(candidate);
        if (seen.has(real)) continue;
        seen.add(real);
        found.push(candidate);
      } catch {
        // not there, or not executable
      }
    }
  }
  return found;
}

/**
 * Byte-compiles the in-process shim for each interpreter, so a read-only install (where Python cannot
 * write __pycache__ itself) does not pay the compile on every start. Returns those that succeeded.
 */
export async function compileShim(pythonDir: string, pythons: string[]): Promise<string[]> {
  const compiled: string[] = [];
  for (const python of pythons) {
    try {
      await run(python, ['-m', 'compileall', '-q', pythonDir], {
        timeout: 60_000,
        env: { ...process.env, PYTHONPATH: '' },
      });
      compiled.push(python);
    } catch {
      // an interpreter that cannot compile (too old, broken) still works, only slower to start
    }
  }
  return compiled;
}
