import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { basename, delimiter, join, resolve } from 'node:path';

const PYTHON_NAME = /^python(\d+(\.\d+)?)?$/;

export function isPythonName(command: string): boolean {
  return PYTHON_NAME.test(basename(command));
}

/**
 * The Python a script will run under, from its `#!` line: `venv/bin/pip` names the venv's python, so
 * the venv's site-packages is the one to watch, not whatever `python3` is on PATH. Handles
 * `#!/usr/bin/env python3`, interpreter options, and distlib's launcher for long or spaced paths
 * (`#!/bin/sh` then `'''exec' "/path/bin/python" "$0" "$@"`). Synchronous and small: one PATH lookup
 * and one 512-byte read before the build starts. Not a script of a python: undefined.
 */
export function scriptInterpreter(command: string, cwd = process.cwd()): string | undefined {
  const path = locateSync(command, cwd);
  if (!path) return undefined;
  const [first = '', second = ''] = readHead(path).split('\n');
  if (!first.startsWith('#!')) return undefined;
  const words = first.slice(2).trim().split(/\s+/);
  let interpreter = words[0] ?? '';
  if (basename(interpreter) === 'env') {
    // env's own options (-S splits the rest, -i, -u NAME) and NAME=value assignments come first.
    const rest = words.slice(1);
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i] as string;
      if (word === '-u' || word === '--unset') i++;
      else if (!word.startsWith('-') && !word.includes('=')) {
        interpreter = word;
        break;
      }
    }
  }
  if (isPythonName(interpreter)) return interpreter;
  if (/^\/bin\/(ba|da)?sh$/.test(interpreter)) {
    const launched = /^'''exec' (?:"([^"]+)"|(\S+)) "\$0" "\$@"/.exec(second);
    const python = launched?.[1] ?? launched?.[2];
    if (python && isPythonName(python)) return python;
  }
  return undefined;
}

function readHead(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(512);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The file `command` names, as execvp would find it. */
function locateSync(command: string, cwd: string): string | undefined {
  const candidates = command.includes('/')
    ? [resolve(cwd, command)]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => resolve(cwd, join(dir, command)));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}
