import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { execa } from 'execa';
import { defaultCacheDir, readCachedRoots, writeCachedRoots } from './cache.js';
import { PROBE } from './probe.js';

/**
 * The interpreter's own idea of where packages go (sysconfig, site, user site, sys.path under its
 * prefix), asked once per interpreter file and mtime. Never throws: a missing or broken interpreter
 * is a warning and no roots.
 */
export async function discoverRoots(
  python: string,
  options: { cacheDir?: string } = {},
): Promise<{ roots: string[]; warnings: string[] }> {
  const executable = await locate(python);
  if (!executable) {
    const where = python.includes('/') ? 'as an executable file' : 'on PATH';
    return {
      roots: [],
      warnings: [`cannot find the interpreter ${python} ${where}, so no site-packages is watched ${FIX}`],
    };
  }
  const { mtimeMs } = await stat(executable);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  // A pyenv/asdf shim keeps its mtime while the interpreter behind it changes: never cache those.
  const cacheable = !/[\\/]shims[\\/]/.test(executable);
  const key = {
    python: executable,
    mtimeMs,
    probe: createHash('sha256').update(PROBE).digest('hex').slice(0, 16),
  };
  let paths = cacheable ? await readCachedRoots(cacheDir, key) : null;
  if (!paths) {
    const result = await execa(executable, ['-E', '-c', PROBE], {
      reject: false,
      timeout: 30_000,
      stdin: 'ignore',
    });
    paths = answeredPaths(result.stdout);
    if (!paths) {
      return {
        roots: [],
        warnings: [`cannot ask ${python} for its site-packages: ${whyNoAnswer(result)} ${FIX}`],
      };
    }
    if (cacheable) await writeCachedRoots(cacheDir, { ...key, paths });
  }
  const existing = await Promise.all(paths.map(async (path) => ((await isDirectory(path)) ? path : null)));
  return { roots: existing.filter((path) => path !== null), warnings: [] };
}

const FIX = '(pass --python <a python interpreter> or --watch <site-packages dir>)';

function answeredPaths(stdout: string): string[] | null {
  try {
    const paths = (JSON.parse(stdout) as { paths?: unknown }).paths;
    return Array.isArray(paths) && paths.every((p) => typeof p === 'string') ? paths : null;
  } catch {
    return null;
  }
}

/** Why an interpreter gave no usable answer, in words: never `undefined`. */
function whyNoAnswer(result: {
  stdout: string;
  stderr: string;
  exitCode?: number | undefined;
  signal?: string | undefined;
  timedOut?: boolean;
  code?: string | undefined;
}): string {
  if (result.timedOut) return 'it did not answer within 30 s';
  if (result.code) return `it cannot be started (${result.code})`;
  const said = result.stderr.trim().split('\n').pop();
  if (result.signal) return `it was killed by ${result.signal}${said ? `: ${said}` : ''}`;
  if (result.exitCode) return `it exited with status ${result.exitCode}${said ? `: ${said}` : ''}`;
  if (result.stdout.trim() === '') return 'it printed nothing, so it is not a Python interpreter';
  return `its answer is not a Python's (${JSON.stringify(result.stdout.trim().slice(0, 60))})`;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** PATH lookup without a subprocess (pyenv shims are scripts; running `which` would cost more). */
export async function locate(command: string): Promise<string | null> {
  const candidates = command.includes('/')
    ? [resolve(command)]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    const ok = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (ok && !(await isDirectory(candidate))) return candidate;
  }
  return null;
}
