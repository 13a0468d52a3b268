import type { SettingSource } from './apply.js';
import { RUN_SETTINGS, type RunSettingKey } from './run-options.js';

/** `plugin-settle config` as a table a person reads: setting, value, where it came from. */
export function describeSettings(
  configFile: string | null,
  settings: Array<{ key: RunSettingKey; value: unknown; source: SettingSource }>,
): string {
  const rows = settings.map(({ key, value, source }) => [key, shown(key, value), origin(source)]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = [`config file: ${configFile ?? 'none (searched from here up to the repository root)'}`];
  for (const [key, value, from] of rows)
    lines.push(`${key!.padEnd(widths[0]!)}  ${value!.padEnd(widths[1]!)}  ${from}`);
  return `${lines.join('\n')}\n`;
}

function shown(key: RunSettingKey, value: unknown): string {
  const setting = RUN_SETTINGS.find((candidate) => candidate.key === key);
  if (value === null || value === undefined) {
    if (key === 'python') return "(the command when it is a python, else its #! line's python, else python3)";
    if (key === 'report') return '(none)';
    return '(not set)';
  }
  if (setting?.kind === 'duration') return `${value} ms`;
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  return String(value);
}

function origin(source: SettingSource): string {
  switch (source.from) {
    case 'cli':
      return 'command line';
    case 'env':
      return `env ${source.variable}`;
    case 'file':
      return source.file;
    case 'default':
      return 'default';
  }
}
