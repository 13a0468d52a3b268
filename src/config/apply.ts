import { UsageError } from '../errors.js';
import { loadConfig } from './load.js';
import { booleanValue } from './parse.js';
import { envName, RUN_SETTINGS, type RunSettingKey } from './run-options.js';

export type SettingSource =
  | { from: 'cli' }
  | { from: 'env'; variable: string }
  | { from: 'file'; file: string }
  | { from: 'default' };

/**
 * Where parsed options live and where each came from: a commander `Command`, or `run`'s own
 * commander-free parse (src/cli/run-words.ts), which keeps the same values and source names.
 */
export interface OptionValues {
  getOptionValueSource(key: string): string | undefined;
  setOptionValueWithSource(key: string, value: unknown, source: string): unknown;
}

export interface AppliedSettings {
  configFile: string | null;
  sources: Record<RunSettingKey, SettingSource>;
}

/**
 * Completes what commander parsed (CLI, then the value options' env overrides) with the config file
 * and the flags' env overrides, keeping the precedence CLI > env > file > default: a file value lands
 * only where commander still holds its default, exactly where commander itself lets env override.
 */
export async function applySettings(
  command: OptionValues,
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<AppliedSettings> {
  const config = await loadConfig(cwd, env);
  for (const [key, value] of Object.entries(config?.values ?? {})) {
    const source = command.getOptionValueSource(key);
    if (source === undefined || source === 'default') command.setOptionValueWithSource(key, value, 'config');
  }
  // Flags take their variable by hand: commander would read any set variable, even `0`, as true.
  for (const setting of RUN_SETTINGS) {
    if (setting.kind !== 'boolean') continue;
    const variable = envName(setting.key);
    const raw = env[variable];
    if (raw === undefined || command.getOptionValueSource(setting.key) === 'cli') continue;
    try {
      command.setOptionValueWithSource(setting.key, booleanValue(raw), 'env');
    } catch (error) {
      throw new UsageError(`${variable}: ${(error as Error).message}`);
    }
  }
  const sources = {} as AppliedSettings['sources'];
  for (const setting of RUN_SETTINGS) {
    const source = command.getOptionValueSource(setting.key);
    sources[setting.key] =
      source === 'cli'
        ? { from: 'cli' }
        : source === 'env'
          ? { from: 'env', variable: envName(setting.key) }
          : source === 'config' && config
            ? { from: 'file', file: config.file }
            : { from: 'default' };
  }
  return { configFile: config?.file ?? null, sources };
}
