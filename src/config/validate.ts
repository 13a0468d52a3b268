import type { ErrorObject } from 'ajv';
import { UsageError } from '../errors.js';
import generated from './config-validator.js';
import { kebab } from './keys.js';
import { allowedValues, RUN_SETTINGS } from './run-options.js';

// ajv's validator for the config schema, compiled ahead of time (generate-validator.ts): importing
// ajv and compiling at run time cost a `run` with a config file about as much as Node's own start.
const check = generated as unknown as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Throws one UsageError line naming the file, the key and the allowed values. `spelled` gives a
 * key as the file writes it (pyproject.toml's kebab-case), so the error quotes the file.
 */
export function validateConfig(
  file: string,
  settings: unknown,
  spelled: (key: string) => string = (key) => key,
): void {
  if (check(settings)) return;
  const error = check.errors?.[0];
  const toml = file.endsWith('.toml');
  const allowedKeys = keys(toml).join(', ');
  if (!error || error.instancePath === '') {
    if (error?.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      throw new UsageError(
        `${file}: unknown key "${key}"${suggest(key, toml)} (allowed keys: ${allowedKeys})`,
        'config',
      );
    }
    const example = toml
      ? 'a table of settings, e.g. retries = 2'
      : 'an object of settings, e.g. {"retries": 2}';
    throw new UsageError(`${file}: expected ${example} (allowed keys: ${allowedKeys})`, 'config');
  }
  const key = error.instancePath.split('/')[1] ?? '';
  const setting = RUN_SETTINGS.find((candidate) => candidate.key === key);
  const value = (settings as Record<string, unknown>)[key];
  const allowed = setting ? allowedValues(setting) : 'a string';
  throw new UsageError(`${file}: "${spelled(key)}" must be ${allowed}, got ${shownValue(value)}`, 'config');
}

/** TOML dates parse to Date objects, which JSON.stringify would show as strings. */
function shownValue(value: unknown): string {
  return value instanceof Date ? `the date ${value.toISOString()}` : JSON.stringify(value);
}

function keys(toml = false): string[] {
  return RUN_SETTINGS.map((setting) => (toml ? kebab(setting.key) : setting.key));
}

/** A near miss (case, dashes, a typo, a shortened word) is most often what the user meant. */
function suggest(key: string, toml: boolean): string {
  const normal = (text: string) => text.toLowerCase().replaceAll(/[-_]/g, '');
  const wanted = normal(key);
  const candidates = keys(toml);
  // A shared start beats a small edit distance: `retry` means `retries`, not `onRetry`.
  const near = candidates
    .map((candidate) => ({ candidate, d: distance(normal(candidate), wanted) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d);
  const match =
    candidates.find((candidate) => normal(candidate) === wanted) ??
    onlyOne(
      candidates.filter(
        (candidate) => wanted.length >= 4 && normal(candidate).startsWith(wanted.slice(0, 4)),
      ),
    ) ??
    near[0]?.candidate;
  return match ? `; did you mean "${match}"?` : '';
}

function onlyOne<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
