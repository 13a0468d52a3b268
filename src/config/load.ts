import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { findConfig } from './find.js';
import { camelKeys } from './keys.js';
import { durationMs } from './parse.js';
import { formatOf } from './read.js';
import { RUN_SETTINGS, type RunSettingKey } from './run-options.js';

export interface LoadedConfig {
  file: string;
  /** Settings as the CLI would have parsed them: durations in ms, paths absolute. */
  values: Partial<Record<RunSettingKey, unknown>>;
}

/** Finds, parses and validates the nearest config file; null when there is none. */
export async function loadConfig(
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedConfig | null> {
  const found = await findConfig(cwd, env);
  if (!found) return null;
  const { file } = found;
  let { settings } = found;
  // Only PLUGIN_SETTLE_CONFIG can name a shared file that lacks our part.
  if (settings === undefined)
    throw new UsageError(
      `${file}: has no ${basename(file) === 'pyproject.toml' ? '[tool.plugin-settle] table' : '"plugin-settle" key'} (add one, or point PLUGIN_SETTLE_CONFIG elsewhere)`,
      'config',
    );
  let spelling: Map<string, string> | undefined;
  if (formatOf(file) === 'toml' && isObject(settings)) ({ settings, spelling } = camelKeys(file, settings));
  const { validateConfig } = await import('./validate.js');
  validateConfig(file, settings, spelling && ((key) => spelling.get(key) ?? key));
  return { file, values: normalise(settings as Record<string, unknown>, dirname(file)) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Relative paths are the config file's, not the caller's: the same file works from any subdirectory. */
function normalise(settings: Record<string, unknown>, base: string): LoadedConfig['values'] {
  const values: LoadedConfig['values'] = {};
  for (const setting of RUN_SETTINGS) {
    const value = settings[setting.key];
    if (value === undefined) continue;
    switch (setting.kind) {
      case 'path':
        values[setting.key] = resolvePath(String(value), base, setting.key);
        break;
      case 'paths':
        values[setting.key] = (Array.isArray(value) ? value : [value]).map((path) =>
          resolve(base, String(path)),
        );
        break;
      case 'duration':
        values[setting.key] = typeof value === 'number' ? Math.round(value) : durationMs(String(value));
        break;
      default:
        values[setting.key] = value;
    }
  }
  return values;
}

function resolvePath(value: string, base: string, key: RunSettingKey): string {
  // `report: "-"` means stderr; a bare `python3` is looked up on PATH like on the command line.
  if (value === '-' || (key === 'python' && !value.includes('/'))) return value;
  return resolve(base, value);
}
