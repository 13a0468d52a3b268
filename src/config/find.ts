import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Where settings may live, in the order they are looked for in each directory. */
export const CONFIG_NAMES = ['plugin-settle.config.json', '.plugin-settlerc.json', 'package.json'] as const;

/** The key under which package.json holds our settings. */
export const PACKAGE_KEY = 'plugin-settle';

export interface FoundConfig {
  file: string;
  /** The file's text; for package.json only when it has our key. */
  text: string;
}

/**
 * The nearest config file from `cwd` up to the repository root (the directory holding `.git`) or the
 * file-system root. Run on every `run`, so it costs a few stat calls per directory and reads only
 * package.json files, which are small.
 */
export function findConfig(cwd: string, env: NodeJS.ProcessEnv = process.env): FoundConfig | null {
  const explicit = env.PLUGIN_SETTLE_CONFIG;
  if (explicit) {
    const file = resolve(cwd, explicit);
    return { file, text: readConfigText(file, 'PLUGIN_SETTLE_CONFIG') };
  }
  for (let dir = resolve(cwd); ; ) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (!isFile(file)) continue;
      const text = readConfigText(file);
      // A package.json without our key is just a JavaScript project's manifest: keep looking.
      if (name === 'package.json' && !hasPackageKey(text)) continue;
      return { file, text };
    }
    const parent = dirname(dir);
    if (parent === dir || exists(join(dir, '.git'))) return null;
    dir = parent;
  }
}

/** Our key at the top level, not merely our name among the dependencies. */
function hasPackageKey(text: string): boolean {
  if (!text.includes(`"${PACKAGE_KEY}"`)) return false;
  try {
    return Object.hasOwn(JSON.parse(text) as object, PACKAGE_KEY);
  } catch {
    // A broken package.json that names us is the user's config file: the loader says what is wrong.
    return true;
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

function readConfigText(file: string, via?: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(
      `${file}: cannot read the config file (${code})${via ? `; ${via} points to it` : ''}: fix its permissions${via ? ` or unset ${via}` : ''}`,
      'config',
    );
  }
}
