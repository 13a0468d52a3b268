import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPythonName, scriptInterpreter } from '../../../src/watch/roots/shebang.js';

// Real small files: the reader's whole job is one open and one read of the first bytes.
const dir = mkdtempSync(join(tmpdir(), 'ps-shebang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function script(content: string | Buffer, mode = 0o755): string {
  const path = join(dir, `script${n++}`);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

describe('scriptInterpreter', () => {
  it.each([
    ['#!/venv/bin/python\n', '/venv/bin/python'],
    ['#!/venv/bin/python3.11 -E -s\n', '/venv/bin/python3.11'],
    ['#!/usr/bin/env python3\n', 'python3'],
    ['#!/usr/bin/env -S python3 -u\n', 'python3'],
    ['#!/usr/bin/env -u PYTHONPATH A=b python2.7\n', 'python2.7'],
    [
      "#!/bin/sh\n'''exec' \"/long path/venv/bin/python\" \"$0\" \"$@\"\n' '''\n",
      '/long path/venv/bin/python',
    ],
    ["#!/bin/sh\n'''exec' /long/venv/bin/python3 \"$0\" \"$@\"\n' '''\n", '/long/venv/bin/python3'],
  ])('%j → %s', (content, expected) => {
    expect(scriptInterpreter(script(content))).toBe(expected);
  });

  it.each([
    ['a shell script', '#!/bin/sh\necho hi\n'],
    ['a bash script', '#!/usr/bin/env bash\nexec pyenv exec pip "$@"\n'],
    ['a perl script', '#!/usr/bin/perl\n'],
    ['no #! at all', 'print("hi")\n'],
    ['an empty file', ''],
    ['a binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
  ])('%s: not a python script', (_what, content) => {
    expect(scriptInterpreter(script(content))).toBeUndefined();
  });

  it('resolves a relative command against the working directory, as the build will', () => {
    const path = script('#!/venv/bin/python\n');
    expect(scriptInterpreter(path.slice(dir.length + 1).replace(/^/, './'), dir)).toBe('/venv/bin/python');
  });

  it('looks a bare name up on PATH, skipping what is not executable', () => {
    const saved = process.env.PATH;
    try {
      const name = 'ps-tool';
      writeFileSync(join(dir, name), '#!/venv/bin/python\n');
      chmodSync(join(dir, name), 0o644);
      process.env.PATH = dir;
      expect(scriptInterpreter(name)).toBeUndefined();
      chmodSync(join(dir, name), 0o755);
      expect(scriptInterpreter(name)).toBe('/venv/bin/python');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('a command that does not exist is undefined, not an error', () => {
    expect(scriptInterpreter(join(dir, 'nope'))).toBeUndefined();
  });
});

describe('isPythonName', () => {
  it.each(['python', 'python3', 'python3.11', '/x/bin/python2.7'])('%s is a python', (name) => {
    expect(isPythonName(name)).toBe(true);
  });
  it.each(['pip', 'python-config', 'python3.11-config', 'ipython'])('%s is not', (name) => {
    expect(isPythonName(name)).toBe(false);
  });
});
