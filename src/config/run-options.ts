import { booleanValue, collectPaths, durationMs, nonNegativeInteger, oneOf } from './parse.js';

/** How a setting is written and judged; the CLI flag, the environment variable and a config file agree. */
export type SettingKind = 'path' | 'paths' | 'duration' | 'count' | 'choice' | 'boolean' | 'command';

export interface RunSetting {
  /** The options key commander uses, and the key in a config file. */
  key: RunSettingKey;
  flags: string;
  help: string;
  kind: SettingKind;
  fallback?: unknown;
  choices?: readonly string[];
  /** Booleans: the flag that says the opposite, so the command line can undo a variable or a file. */
  opposite?: string;
}

export type RunSettingKey =
  | 'python'
  | 'watch'
  | 'window'
  | 'settle'
  | 'maxWait'
  | 'staleAfter'
  | 'killAfter'
  | 'retries'
  | 'onRetry'
  | 'evidence'
  | 'inprocess'
  | 'hold'
  | 'report'
  | 'quiet'
  | 'verbose';

/** Every setting of `run`, in help order: one table feeds the CLI, `config`, and the config-file schema. */
export const RUN_SETTINGS: readonly RunSetting[] = [
  {
    key: 'python',
    flags: '--python <path>',
    help: "interpreter whose site-packages to watch (default: the command when it is a python, else its #! line's python, else python3)",
    kind: 'path',
  },
  { key: 'watch', flags: '--watch <dir>', help: 'watch this directory too (repeatable)', kind: 'paths' },
  {
    key: 'window',
    flags: '--window <ms>',
    help: 'how long before the failed attempt started a change still counts',
    kind: 'duration',
    fallback: 5000,
  },
  {
    key: 'settle',
    flags: '--settle <ms>',
    help: 'quiet time that, with no installer at work, means the merge is over',
    kind: 'duration',
    fallback: 750,
  },
  {
    key: 'maxWait',
    flags: '--max-wait <ms>',
    help: 'longest wait for a merge to finish',
    kind: 'duration',
    fallback: 120_000,
  },
  {
    key: 'staleAfter',
    flags: '--stale-after <ms>',
    help: 'an installer marker unchanged this long is a crashed leftover',
    kind: 'duration',
    fallback: 60_000,
  },
  {
    key: 'killAfter',
    flags: '--kill-after <ms>',
    help: 'after forwarding Ctrl-C or SIGTERM, how long the build may take to stop before SIGKILL',
    kind: 'duration',
    fallback: 1000,
  },
  {
    key: 'retries',
    flags: '--retries <n>',
    help: 'most retries of a build that a merge broke',
    kind: 'count',
    fallback: 3,
  },
  {
    key: 'onRetry',
    flags: '--on-retry <cmd>',
    help: "shell command run after the wait, before each retry (e.g. 'rm -rf build/'); if it fails, no retry",
    kind: 'command',
  },
  {
    key: 'evidence',
    flags: '--evidence <kind>',
    help: 'which changes count: relevant (the implicated package) or any',
    kind: 'choice',
    choices: ['relevant', 'any'],
    fallback: 'relevant',
  },
  {
    key: 'report',
    flags: '--report <file>',
    help: 'write the JSON report here (`-` for stderr: stdout belongs to the build)',
    kind: 'path',
  },
  {
    key: 'inprocess',
    flags: '--no-inprocess',
    help: 'do not load the in-process shim that heals plugin loads and records failures; the build’s stderr is then piped through plugin-settle, which reads its tracebacks (no longer a terminal; a closed reader still reaches the build)',
    opposite: '--inprocess',
    kind: 'boolean',
    fallback: true,
  },
  {
    key: 'hold',
    flags: '--hold',
    help: 'hold a build marker so cooperating merges wait (Portage merge-wait semantics)',
    opposite: '--no-hold',
    kind: 'boolean',
    fallback: false,
  },
  {
    key: 'quiet',
    flags: '-q, --quiet',
    help: 'print only errors and the summary of a retried build',
    opposite: '--no-quiet',
    kind: 'boolean',
    fallback: false,
  },
  {
    key: 'verbose',
    flags: '-v, --verbose',
    help: 'print every decision with its evidence',
    opposite: '--no-verbose',
    kind: 'boolean',
    fallback: false,
  },
];

/** `maxWait` → PLUGIN_SETTLE_MAX_WAIT */
export function envName(key: RunSettingKey): string {
  return `PLUGIN_SETTLE_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

/** The string parser of a setting: the same judge for a flag, a variable and a string in a config file. */
export function parserFor(setting: RunSetting): ((value: string, previous?: unknown) => unknown) | undefined {
  switch (setting.kind) {
    case 'paths':
      return (value, previous) => collectPaths(value, previous as string[] | undefined);
    case 'duration':
      return durationMs;
    case 'count':
      return nonNegativeInteger;
    case 'choice':
      return oneOf(setting.choices ?? []);
    case 'boolean':
      return booleanValue;
    default:
      return undefined;
  }
}

/** The allowed values in words, for help and for errors about a config file. */
export function allowedValues(setting: RunSetting): string {
  switch (setting.kind) {
    case 'path':
      return setting.key === 'python'
        ? 'an interpreter: a name looked up on PATH, or a path (relative to the config file)'
        : 'a path (relative to the config file)';
    case 'paths':
      return 'a path or a list of paths (relative to the config file)';
    case 'duration':
      return 'milliseconds as a number ≥ 0, or a string like "750ms" or "2s"';
    case 'count':
      return 'a whole number ≥ 0';
    case 'choice':
      return `one of ${(setting.choices ?? []).map((choice) => JSON.stringify(choice)).join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'command':
      return "a shell command (run by /bin/sh in the build's working directory)";
  }
}
