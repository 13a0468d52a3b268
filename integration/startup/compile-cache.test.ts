import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import module from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { tempDirs } from '../support/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

// Run on every Node of .ci/run (scripts/ci-node-versions.sh): Node 20 has no compile cache, and the
// wrapper must then make no directory at all; from 22.1 on it keeps one per user.
const hasCache = 'enableCompileCache' in module; // @types/node is Node 20's
const NO_USER_CACHE = { NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined };

/** Entries Node wrote: one sub-directory per Node version, arch and flags, holding the cache files. */
async function entries(dir: string): Promise<string[]> {
  const versions = await readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(versions.map((v) => readdir(join(dir, v)).catch(() => [] as string[])));
  return files.flat();
}

describe(`the module compile cache (${process.version}: ${hasCache ? 'available' : 'not in this Node'})`, () => {
  it('lives under $XDG_CACHE_HOME/plugin-settle, private to the user; the build does not inherit it', async () => {
    const xdg = await temp.make('xdg');
    const dir = join(xdg, 'plugin-settle', 'compile-cache');
    const result = await runCli(['run', '--', 'sh', '-c', 'echo "[$NODE_COMPILE_CACHE]"'], {
      env: { ...NO_USER_CACHE, XDG_CACHE_HOME: xdg },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('[]\n');
    if (!hasCache) {
      await expect(stat(dir)).rejects.toThrow(/ENOENT/);
      return;
    }
    expect(((await stat(dir)).mode & 0o777).toString(8)).toBe('700');
    expect((await readdir(dir)).some((name) => name.startsWith(`${process.version}-`))).toBe(true);
    expect((await entries(dir)).length).toBeGreaterThan(0);
    // A second run reads what the first wrote, and still works.
    const again = await runCli(['config', '--json'], { env: { ...NO_USER_CACHE, XDG_CACHE_HOME: xdg } });
    expect(again.code, again.stderr).toBe(0);
  });

  it('NODE_DISABLE_COMPILE_CACHE turns it off; NODE_COMPILE_CACHE puts it where the user said', async () => {
    const xdg = await temp.make('xdg');
    const ours = join(xdg, 'plugin-settle', 'compile-cache');
    const off = await runCli(['config', '--json'], {
      env: { ...NO_USER_CACHE, XDG_CACHE_HOME: xdg, NODE_DISABLE_COMPILE_CACHE: '1' },
    });
    expect(off.code, off.stderr).toBe(0);
    await expect(stat(ours)).rejects.toThrow(/ENOENT/);

    const theirs = join(await temp.make('user-cache'), 'cache');
    const user = await runCli(['config', '--json'], {
      env: { ...NO_USER_CACHE, XDG_CACHE_HOME: xdg, NODE_COMPILE_CACHE: theirs },
    });
    expect(user.code, user.stderr).toBe(0);
    await expect(stat(ours)).rejects.toThrow(/ENOENT/);
    expect((await entries(theirs)).length > 0).toBe(hasCache);
  });

  it('a directory others may write to is not used, and costs nothing but the cache', async () => {
    const xdg = await temp.make('xdg');
    const dir = join(xdg, 'plugin-settle', 'compile-cache');
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o777);
    const result = await runCli(['run', '--', 'true'], { env: { ...NO_USER_CACHE, XDG_CACHE_HOME: xdg } });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(await entries(dir)).toEqual([]);
  });
});
