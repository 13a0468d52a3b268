import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../errors.js';

/** A settings file is a few hundred bytes; anything near this is not one, and is not read whole. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The key under which package.json holds our settings, and the table under `tool` in pyproject.toml. */
export const PACKAGE_KEY = 'plugin-settle';

export type ConfigFormat = 'json' | 'toml';

/** `*.toml` (pyproject.toml above all) is TOML; every other config file is JSON. */
export function formatOf(file: string): ConfigFormat {
  return file.endsWith('.toml') ? 'toml' : 'json';
}

/** The file's text, size-capped and without a UTF-8 BOM (editors on Windows write one). */
export function readConfigText(file: string, via?: string): string {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_CONFIG_BYTES) throw tooBig(file, size);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(
      `${file}: cannot read the config file (${code})${via ? `; ${via} points to it` : ''}: fix its permissions${via ? ` or unset ${via}` : ''}`,
      'config',
    );
  }
  // Checked again on what was read: the file may have grown between the stat and the read.
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw tooBig(file, Buffer.byteLength(text));
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function tooBig(file: string, size: number): UsageError {
  return new UsageError(
    `${file}: the config file is ${size} bytes, over the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB limit (plugin-settle's settings fit in a few lines: keep them in a smaller file)`,
    'config',
  );
}

/** The whole document; TOML's parser is loaded only when a TOML file is read. */
export async function parseDocument(file: string, text: string): Promise<unknown> {
  if (formatOf(file) === 'json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${file}: not valid JSON (${(error as Error).message}): fix the syntax`, 'config');
    }
  }
  const { parse } = await import('smol-toml');
  try {
    return parse(text);
  } catch (error) {
    // smol-toml's message goes on with the offending lines; the first line and the position suffice.
    const { message, line, column } = error as Error & { line?: number; column?: number };
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`;
    throw new UsageError(
      `${file}: not valid TOML (${message.split('\n')[0]}${where}): fix the syntax`,
      'config',
    );
  }
}

/**
 * Our settings inside the document: package.json's "plugin-settle" key, pyproject.toml's
 * [tool.plugin-settle] table, or the whole document of a file of our own. `undefined` when the
 * shared file has no settings of ours.
 */
export function settingsOf(file: string, document: unknown): unknown {
  const name = basename(file);
  if (name === 'package.json') return ownValue(document, PACKAGE_KEY);
  if (name === 'pyproject.toml') return ownValue(ownValue(document, 'tool'), PACKAGE_KEY);
  return document;
}

function ownValue(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
