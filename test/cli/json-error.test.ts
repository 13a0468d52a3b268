import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { errorObject, jsonRequested } from '../../src/cli/json-error.js';
import { environmentError, UsageError } from '../../src/errors.js';

function program(): Command {
  const root = new Command('plugin-settle');
  root.command('merge').option('--json').argument('[image]').argument('[root]');
  root.command('run').argument('<command>').argument('[args...]');
  root.command('shim').command('install').option('--json').argument('<dir>');
  return root;
}

describe('jsonRequested', () => {
  it.each([
    [['merge', '--json', 'a', 'b'], true],
    [['merge', 'a', 'b'], false],
    [['shim', 'install', '--json', 'd'], true],
    [['run', '--', 'tool', '--json'], false],
    [['merge', '--', '--json'], false],
    [['--json'], false],
  ])('%j → %s', (words, expected) => {
    expect(jsonRequested(program(), words)).toBe(expected);
  });
});

describe('errorObject', () => {
  it('a usage error: code, message and status', () => {
    expect(errorObject(new UsageError('bad thing (fix it)'))).toEqual({
      ok: false,
      code: 'usage',
      message: 'bad thing (fix it)',
      exitCode: 125,
    });
  });

  it('an environment error adds the errno and the path', () => {
    const cause = Object.assign(new Error("EROFS: read-only file system, mkdir '/r/x'"), {
      code: 'EROFS',
      syscall: 'mkdir',
      path: '/r/x',
    });
    const error = environmentError(cause, 'cannot merge into /r', 'the root is unchanged');
    expect(errorObject(error)).toEqual({
      ok: false,
      code: 'environment',
      message:
        'cannot merge into /r: read-only file system (EROFS) at /r/x; the root is unchanged (remount it read-write or use another directory)',
      exitCode: 125,
      errno: 'EROFS',
      path: '/r/x',
    });
  });

  it('a full disk during a copy names the target, not the source', () => {
    const cause = Object.assign(new Error('ENOSPC: no space left on device, copyfile'), {
      code: 'ENOSPC',
      syscall: 'copyfile',
      path: '/image/big',
      dest: '/root/.stage/big',
    });
    expect(environmentError(cause, 'cannot merge into /root').path).toBe('/root/.stage/big');
  });

  it('an errno we have no words for keeps the system message', () => {
    const cause = Object.assign(new Error('EWEIRD: something odd happened, open'), {
      code: 'EWEIRD',
      syscall: 'open',
    });
    expect(environmentError(cause, 'cannot do it').message).toBe(
      'cannot do it: something odd happened (EWEIRD)',
    );
  });
});
