import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built CLI, as users run it (`npm run build` first). PLUGIN_SETTLE_TEST_CLI points at a private
 * copy of bin/ + dist/ when colleagues rebuild dist/ under a long test's feet.
 */
export const CLI =
  process.env.PLUGIN_SETTLE_TEST_CLI ?? fileURLToPath(new URL('../../bin/plugin-settle.js', import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<Finished> {
  return startCli(args, env, cwd).done;
}

/** Names, types, permission bits, contents and link targets: what "the same tree" means here. */
export function hashTree(root: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = join(root, rel, name);
      const child = rel === '' ? name : `${rel}/${name}`;
      const stats = lstatSync(path);
      const mode = (stats.mode & 0o7777).toString(8);
      if (stats.isDirectory()) {
        hash.update(`d ${child} ${mode}\n`);
        walk(child);
      } else if (stats.isSymbolicLink()) {
        hash.update(`l ${child} ${readlinkSync(path)}\n`);
      } else if (!stats.isFile()) {
        hash.update(`s ${child} ${mode} ${stats.rdev}\n`); // a fifo would block a read
      } else {
        hash.update(`f ${child} ${mode} `);
        hash.update(readFileSync(path));
        hash.update('\n');
      }
    }
  };
  walk('');
  return hash.digest('hex');
}

const PROTOCOL_NAMES = /^\.plugin-settle-(new|stage|journal|merge)/;

/** Every leftover of a merge anywhere in the tree: staging names, journals, the marker. */
export function findProtocolNames(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (PROTOCOL_NAMES.test(entry.name)) found.push(path);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return found;
}

/** A small seeded PRNG (mulberry32): a failing trial is replayed with the seed it printed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
