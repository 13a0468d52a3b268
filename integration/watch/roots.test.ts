import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { discoverRoots } from '../../src/watch/index.js';
import { tempDir } from './helpers.js';

/** A stand-in interpreter that counts its runs and answers like the probe does. */
function fakePython(dir: string, paths: string[]) {
  const script = join(dir, 'python');
  const counter = join(dir, 'runs');
  writeFileSync(counter, '');
  writeFileSync(script, `#!/bin/sh\necho run >> '${counter}'\nprintf '%s' '${JSON.stringify({ paths })}'\n`);
  chmodSync(script, 0o755);
  return { script, runs: () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length };
}

describe('discoverRoots', () => {
  test('asks once per interpreter path and mtime, and keeps only roots that exist', async () => {
    const dir = tempDir();
    const site = join(dir, 'site-packages');
    mkdirSync(site);
    const python = fakePython(dir, [site, join(dir, 'missing-user-site')]);
    const cacheDir = join(dir, 'cache');
    expect(await discoverRoots(python.script, { cacheDir })).toEqual({ roots: [site], warnings: [] });
    expect(await discoverRoots(python.script, { cacheDir })).toEqual({ roots: [site], warnings: [] });
    expect(python.runs()).toBe(1);
    utimesSync(python.script, new Date(), new Date(Date.now() + 5_000));
    await discoverRoots(python.script, { cacheDir });
    expect(python.runs()).toBe(2);
  });

  test('a missing or broken interpreter is a warning, never a crash', async () => {
    const dir = tempDir();
    expect(await discoverRoots(join(dir, 'nope'), { cacheDir: dir })).toEqual({
      roots: [],
      warnings: [
        `cannot find the interpreter ${join(dir, 'nope')} as an executable file, so no site-packages is watched (pass --python <a python interpreter> or --watch <site-packages dir>)`,
      ],
    });
    const broken = join(dir, 'broken');
    writeFileSync(broken, '#!/bin/sh\necho "SyntaxError: boom" >&2\nexit 1\n');
    chmodSync(broken, 0o755);
    const result = await discoverRoots(broken, { cacheDir: dir });
    expect(result).toEqual({
      roots: [],
      warnings: [
        `cannot ask ${broken} for its site-packages: it exited with status 1: SyntaxError: boom (pass --python <a python interpreter> or --watch <site-packages dir>)`,
      ],
    });
  });

  test.for(['2.7', '3.6', '3.13'])(
    'a real CPython %s reports its site-packages',
    async (version, context) => {
      const found = spawnSync(
        'sh',
        ['-c', `ls -d /root/.pyenv/versions/${version}*/bin/python 2>/dev/null | head -1`],
        { encoding: 'utf8' },
      ).stdout.trim();
      if (!found) context.skip(`CPython ${version} is not installed under pyenv`);
      const { roots, warnings } = await discoverRoots(found, { cacheDir: tempDir() });
      expect(warnings).toEqual([]);
      expect(roots).toContainEqual(
        expect.stringMatching(new RegExp(`/lib/python${version.replace('.', '\\.')}/site-packages$`)),
      );
      expect(roots.some((root) => root.endsWith('lib-dynload'))).toBe(false);
    },
  );
});
