import { UsageError } from '../errors.js';
import { RUN_SETTINGS } from './run-options.js';

// pyproject.toml's tables spell keys in kebab-case (`[tool.black] line-length`, `[tool.setuptools]
// package-dir`), so a TOML config file takes `max-wait` as well as the JSON spelling `maxWait`.

/** `maxWait` → `max-wait` */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The settings with kebab-case keys renamed to the camelCase the rest of the code uses; `spelling`
 * maps each key back to how the file wrote it, so errors quote the file. Unknown keys stay as written
 * for the validator to name.
 */
export function camelKeys(
  file: string,
  settings: Record<string, unknown>,
): { settings: Record<string, unknown>; spelling: Map<string, string> } {
  const byKebab = new Map(RUN_SETTINGS.map((setting) => [kebab(setting.key), setting.key as string]));
  const renamed: Record<string, unknown> = {};
  const spelling = new Map<string, string>();
  for (const [written, value] of Object.entries(settings)) {
    const key = byKebab.get(written) ?? written;
    if (spelling.has(key))
      throw new UsageError(
        `${file}: "${spelling.get(key)}" and "${written}" are the same setting: keep one`,
        'config',
      );
    spelling.set(key, written);
    renamed[key] = value;
  }
  return { settings: renamed, spelling };
}
