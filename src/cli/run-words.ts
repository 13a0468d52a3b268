import type { RunCommandOptions } from '../commands/run.js';
import type { OptionValues } from '../config/apply.js';
import { envName, parserFor, RUN_SETTINGS, type RunSetting } from '../config/run-options.js';

/** `run`'s words as commander would have parsed them: the command, its arguments, and the options. */
export interface RunWords {
  command: string;
  args: string[];
  options: ParsedOptions;
}

/** The values and their sources, as commander keeps them (`cli`, `env`, `default`, later `config`). */
export class ParsedOptions implements OptionValues {
  private readonly values: Record<string, unknown> = {};
  private readonly sources: Record<string, string> = {};

  opts(): RunCommandOptions {
    return this.values as unknown as RunCommandOptions;
  }

  getOptionValueSource(key: string): string | undefined {
    return this.sources[key];
  }

  setOptionValueWithSource(key: string, value: unknown, source: string): this {
    this.values[key] = value;
    this.sources[key] = source;
    return this;
  }
}

type Flag = { setting: RunSetting; takesValue: boolean; value?: boolean };

/**
 * Start-up: commander and the eight commands' declarations cost more than the rest of a `run` that
 * succeeds. The common words (`run [known options] [--] <command> [args...]`) are read here, with
 * commander's own rules (src/commands/run.ts declares the same options): a value option takes the next
 * word whatever it is, `--name=value` too; the first word that is not an option, or the one after
 * `--`, is the command. Anything else (help, an unknown or grouped option, a missing command, a value
 * the parser rejects) answers null, and commander parses the words, with its exact messages.
 */
export function parseRunWords(words: readonly string[], env: NodeJS.ProcessEnv): RunWords | null {
  if (words[0] !== 'run') return null;
  const flags = flagTable();
  const options = new ParsedOptions();
  for (const setting of RUN_SETTINGS)
    if (setting.fallback !== undefined)
      options.setOptionValueWithSource(setting.key, setting.fallback, 'default');
  const set = (setting: RunSetting, raw: string | undefined, source: string): boolean => {
    if (raw === undefined) return true;
    const parse = parserFor(setting);
    try {
      const previous = options.opts()[setting.key];
      options.setOptionValueWithSource(setting.key, parse ? parse(raw, previous) : raw, source);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '--') return finish(words.slice(i + 1));
    if (word.length <= 1 || !word.startsWith('-')) return finish(words.slice(i));
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = flags.get(equals > 2 ? word.slice(0, equals) : word);
    if (!flag || (equals > 2 && !flag.takesValue)) return null;
    if (!flag.takesValue) {
      options.setOptionValueWithSource(flag.setting.key, flag.value, 'cli');
      continue;
    }
    const value = equals > 2 ? word.slice(equals + 1) : words[++i];
    if (value === undefined || !set(flag.setting, value, 'cli')) return null;
  }
  return null;

  function finish(rest: readonly string[]): RunWords | null {
    const [command, ...args] = rest;
    if (command === undefined) return null;
    // Then the value options' variables, where the command line said nothing (commander's order).
    for (const setting of RUN_SETTINGS) {
      if (setting.kind === 'boolean' || options.getOptionValueSource(setting.key) === 'cli') continue;
      if (!set(setting, env[envName(setting.key)], 'env')) return null;
    }
    return { command, args, options };
  }
}

/** Every spelling of every option: `--hold`, `--no-hold`, `-q`, `--retries`. */
function flagTable(): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const setting of RUN_SETTINGS) {
    const spellings = [setting.flags, ...(setting.opposite ? [setting.opposite] : [])];
    for (const spelling of spellings) {
      const takesValue = spelling.includes('<');
      const names = spelling.split(/[ ,]+/).filter((part) => part.startsWith('-'));
      const value = takesValue ? undefined : !names.some((name) => name.startsWith('--no-'));
      for (const name of names) flags.set(name, { setting, takesValue, value });
    }
  }
  return flags;
}
