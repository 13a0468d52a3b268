import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PACKAGE_KEY, parseDocument, readConfigText, settingsOf } from './read.js';

export { PACKAGE_KEY } from './read.js';

/** Where settings may live, in the order they are looked for in each directory. */
export const CONFIG_NAMES = [
  'plugin-settle.config.json',
  '.plugin-settlerc.json',
  'package.json',
  'pyproject.toml',
] as const;

/** Files other tools own too: ours only when they hold our key or table. */
const SHARED = new Set<string>(['package.json', 'pyproject.toml']);

export interface FoundConfig {
  file: string;
  /** Our part of the file, parsed but not yet validated. */
  settings: unknown;
}

/**
 * The nearest config file from `cwd` up to the repository root (the directory holding `.git`) or the
 * file-system root. Run on every `run`, so it costs a few stat calls per directory and parses a shared
 * file (package.json, pyproject.toml) only when its text names us.
 */
export async function findConfig(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FoundConfig | null> {
  const explicit = env.PLUGIN_SETTLE_CONFIG;
  if (explicit) {
    const file = resolve(cwd, explicit);
    const text = readConfigText(file, 'PLUGIN_SETTLE_CONFIG');
    return { file, settings: settingsOf(file, await parseDocument(file, text)) };
  }
  for (let dir = resolve(cwd); ; ) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (!isFile(file)) continue;
      const text = readConfigText(file);
      // A package.json or pyproject.toml that never names us is another tool's: keep looking without
      // parsing it. One that names us and does not parse is the user's config file, and its error stands.
      if (SHARED.has(name) && !text.includes(PACKAGE_KEY)) continue;
      const settings = settingsOf(file, await parseDocument(file, text));
      // Our name among the dependencies, not our key or table.
      if (SHARED.has(basename(file)) && settings === undefined) continue;
      return { file, settings };
    }
    const parent = dirname(dir);
    if (parent === dir || exists(join(dir, '.git'))) return null;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}
