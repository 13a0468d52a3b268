import type { Command } from 'commander';
import { EnvironmentError, type PluginSettleError } from '../errors.js';

/** What a `--json` caller reads on stdout when a command fails: the stderr line, as data. */
export interface JsonError {
  ok: false;
  code: string;
  message: string;
  exitCode: number;
  /** Environment errors: the path the machine refused and its errno, e.g. EROFS. */
  path?: string;
  errno?: string;
}

export function errorObject(error: PluginSettleError): JsonError {
  const object: JsonError = { ok: false, code: error.code, message: error.message, exitCode: error.exitCode };
  if (error instanceof EnvironmentError) {
    if (error.path !== undefined) object.path = error.path;
    object.errno = error.errno;
  }
  return object;
}

/**
 * Did the user ask the failing command for JSON? Read from the words, not from parsed options, so a
 * parse error (a bad `--max-wait`) gets its JSON object too. Words after `--` are never ours.
 */
export function jsonRequested(program: Command, words: string[]): boolean {
  let command = program;
  const ours = words.includes('--') ? words.slice(0, words.indexOf('--')) : words;
  for (const word of ours) {
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub) command = sub;
  }
  return command !== program && command.options.some((o) => o.long === '--json') && ours.includes('--json');
}
