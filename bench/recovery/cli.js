// @ts-check
// Which built CLI the real-process benches run. Others may rebuild dist/ in the same checkout while a
// long bench runs; a snapshot of the build (bin, dist, shims) keeps every run on one build.
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI } from '../lib.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The CLI to run: the snapshot when one was taken, else the checkout's own bin/plugin-settle.js. */
export const benchCli = () => process.env.PLUGIN_SETTLE_BENCH_CLI ?? CLI;

/** Copies the current build aside (with the overhead bench, whose CLI path is its own) and points benchCli() at it. */
export function snapshotCli() {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  for (const part of [
    'bin',
    'dist',
    'shims',
    'schema',
    'package.json',
    'bench/lib.js',
    'bench/overhead.js',
    'bench/overhead-floor.js',
  ]) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  process.env.PLUGIN_SETTLE_BENCH_CLI = join(dir, 'bin', 'plugin-settle.js');
  return {
    /** The snapshot's copy of a bench module, whose own CLI path then points into the snapshot. */
    module: (/** @type {string} */ path) => join(dir, path),
    drop: () => {
      delete process.env.PLUGIN_SETTLE_BENCH_CLI;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
