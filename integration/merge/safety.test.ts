import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProtocolNames, hashTree, runCli } from './helpers.js';

let base: string;
let root: string;
let image: string;
let outside: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ps-safety-'));
  root = join(base, 'root');
  image = join(base, 'image');
  outside = join(base, 'outside');
  for (const dir of [root, image, outside]) mkdirSync(dir);
  mkdirSync(join(root, 'existing'));
  writeFileSync(join(root, 'existing', 'old.py'), 'old = 1\n');
  // A harmless file first, so a refusal that came too late would have written something.
  mkdirSync(join(image, 'aaa'));
  writeFileSync(join(image, 'aaa', 'first.py'), 'first = 1\n');
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

async function expectRefused(args: string[], pattern: RegExp): Promise<void> {
  const before = hashTree(base);
  const result = await runCli(['merge', ...args]);
  expect(result.code, result.stderr).toBe(125);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(hashTree(base), 'something was written').toBe(before);
  expect(findProtocolNames(base)).toEqual([]);
}

describe('merge refuses unsafe input with exit 125 and writes nothing', () => {
  it('an absolute symlink out of the root', async () => {
    symlinkSync('/etc/passwd', join(image, 'zzz.py'));
    await expectRefused([image, root], /symlink 'zzz.py' -> '\/etc\/passwd' resolves outside the root/);
  });

  it('a relative symlink that climbs out with ..', async () => {
    mkdirSync(join(image, 'pkg'));
    symlinkSync('../../outside/secret', join(image, 'pkg', 'link'));
    await expectRefused([image, root], /symlink 'pkg\/link' -> '..\/..\/outside\/secret' resolves outside/);
  });

  it('a symlink inside the root is fine', async () => {
    symlinkSync('aaa/first.py', join(image, 'alias.py'));
    const result = await runCli(['merge', '--quiet', image, root]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('a fifo', async () => {
    execFileSync('mkfifo', [join(image, 'pipe')]);
    await expectRefused([image, root], /holds a fifo at 'pipe'/);
  });

  it('a device file', async (context) => {
    try {
      execFileSync('mknod', [join(image, 'null'), 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      context.skip('mknod needs root (CAP_MKNOD)');
    }
    await expectRefused([image, root], /holds a device file at 'null'/);
  });

  it('a root that is not a directory, or does not exist', async () => {
    writeFileSync(join(base, 'file'), '');
    await expectRefused([image, join(base, 'file')], /root '.*file' is not a directory/);
    await expectRefused([image, join(base, 'missing')], /root '.*missing' does not exist/);
  });

  it('never follows a symlink in the root out of it', async () => {
    symlinkSync(outside, join(root, 'pkg'));
    mkdirSync(join(image, 'pkg'));
    writeFileSync(join(image, 'pkg', 'mod.py'), 'x = 1\n');
    await expectRefused(
      [image, root],
      /'pkg' is a symlink in the root to .*outside, outside it; never followed/,
    );
  });

  it('a file where the root has a directory', async () => {
    writeFileSync(join(image, 'existing'), '');
    await expectRefused([image, root], /'existing' is a directory in the root where the image has a file/);
  });

  it('an image that overlaps the root', async () => {
    await expectRefused([root, join(root, 'existing')], /overlap/);
  });
});
