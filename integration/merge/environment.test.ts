import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, type Finished, findProtocolNames, hashTree, runCli } from './helpers.js';

// The machine refusing a merge (a read-only, full or non-writable root) is the user's environment:
// one line naming the root, the path and the cause, exit 125, the root exactly as it was, and with
// --json a JSON error object. Mounts and a second user need root; elsewhere this suite cannot run.
const root = process.getuid?.() === 0;
if (!root) console.warn('merge environment errors: skipped, mounting and switching users need root');

const NOBODY = 65534;
let base: string;
let target: string;
let image: string;
const mounts: string[] = [];

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ps-env-'));
  chmodSync(base, 0o755); // the unprivileged user of the EACCES case must reach the image
  target = join(base, 'root');
  image = join(base, 'image');
  mkdirSync(target);
  mkdirSync(join(image, 'newpkg'), { recursive: true });
  writeFileSync(join(image, 'newpkg', '__init__.py'), 'new = 1\n');
  mkdirSync(join(image, 'existing'), { recursive: true });
  writeFileSync(join(image, 'existing', 'added.py'), 'added = 1\n');
});

afterEach(() => {
  for (const mount of mounts.splice(0).reverse()) execFileSync('umount', [mount]);
  rmSync(base, { recursive: true, force: true });
});

function mount(...args: string[]): void {
  execFileSync('mount', args);
  mounts.push(args.at(-1) as string);
}

/** Something already installed, so "unchanged" has content to compare. */
function populate(dir: string): void {
  mkdirSync(join(dir, 'existing'));
  writeFileSync(join(dir, 'existing', 'old.py'), 'old = 1\n');
  writeFileSync(join(dir, 'existing.pth'), 'existing\n');
}

function runAs(uid: number, args: string[]): Promise<Finished> {
  const argv = [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, CLI, ...args];
  const child = spawn('setpriv', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function expectRefusedByMachine(
  run: (args: string[]) => Promise<Finished>,
  errno: string,
  cause: RegExp,
): Promise<void> {
  const before = hashTree(target);
  const plain = await run(['merge', image, target]);
  expect(plain.code, plain.stderr).toBe(125);
  expect(plain.stdout).toBe('');
  const lines = plain.stderr.trimEnd().split('\n');
  expect(lines, plain.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(
      `^plugin-settle: cannot merge into ${target}: ${cause.source} \\(${errno}\\).*; the root is unchanged \\(.+\\)$`,
    ),
  );
  expect(plain.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(hashTree(target), 'the root changed').toBe(before);
  expect(findProtocolNames(target)).toEqual([]);

  const json = await run(['merge', '--json', image, target]);
  expect(json.code).toBe(125);
  const object = JSON.parse(json.stdout);
  expect(object).toMatchObject({ ok: false, code: 'environment', errno, exitCode: 125 });
  // Each merge names its own staging id: the same line apart from that.
  const sameId = (text: string) =>
    text.replace(/\.plugin-settle-(new|stage)\.[0-9a-f]+/g, '.plugin-settle-$1.ID');
  expect(sameId(object.message)).toBe(sameId(lines[0]?.replace(/^plugin-settle: /, '') ?? ''));
  expect(object.path === target || object.path.startsWith(`${target}/`), object.path).toBe(true);
  expect(hashTree(target), 'the root changed').toBe(before);
  expect(findProtocolNames(target)).toEqual([]);
}

describe.skipIf(!root)('merge into a root the machine refuses', () => {
  it('read-only (EROFS): a read-only bind mount of a populated root', async () => {
    populate(target);
    mount('--bind', target, target);
    execFileSync('mount', ['-o', 'remount,bind,ro', target]);
    await expectRefusedByMachine(runCli, 'EROFS', /read-only file system/);
    expect((await runCli(['merge', image, target])).stderr, 'names the path it could not write').toMatch(
      `at ${target}/.plugin-settle-merge`,
    );
  });

  it('full (ENOSPC) while staging: everything staged so far is rolled back', async () => {
    mount('-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', target);
    populate(target);
    // Bigger than the file system: the disk fills up half-way through staging.
    writeFileSync(join(image, 'newpkg', 'big.bin'), Buffer.alloc(256 * 1024, 7));
    await expectRefusedByMachine(runCli, 'ENOSPC', /no space left on device/);
  });

  it('full (ENOSPC) before the merge marker has its owner file: no marker is left behind', async () => {
    mount('-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', target);
    populate(target);
    // Fill the file system to the last block, so even the marker's owner.json cannot be written.
    execFileSync('sh', ['-c', `cat /dev/zero > ${join(target, 'filler')} 2>/dev/null || true`]);
    await expectRefusedByMachine(runCli, 'ENOSPC', /no space left on device/);
  });

  it('non-writable (EACCES): the root belongs to another user', async () => {
    populate(target);
    chmodSync(target, 0o755);
    await expectRefusedByMachine((args) => runAs(NOBODY, args), 'EACCES', /permission denied/);
  });

  it('non-writable (EACCES) half-way: the root is ours, a package directory in it is not', async () => {
    populate(target);
    // The root and the new package are writable; `existing/` is root's: the journal and the stage
    // are written before the refusal, and must be undone.
    chownSync(target, NOBODY, NOBODY);
    chmodSync(join(target, 'existing'), 0o755);
    await expectRefusedByMachine((args) => runAs(NOBODY, args), 'EACCES', /permission denied/);
  });
});

describe('an image with a file name that is not UTF-8', () => {
  it('is refused before the root is touched, naming the file with its bytes escaped', async () => {
    populate(target);
    // Node's string paths cannot hold such a name; a Buffer path can.
    writeFileSync(
      Buffer.concat([Buffer.from(join(image, 'newpkg', 'caf')), Buffer.from([0xe9]), Buffer.from('.py')]),
      '',
    );
    const before = hashTree(target);
    const plain = await runCli(['merge', image, target]);
    expect(plain.code).toBe(125);
    expect(plain.stderr).toBe(
      "plugin-settle: refusing to merge: the image holds a file name that is not UTF-8, 'newpkg/caf\\xe9.py'; rename it to UTF-8 in the image; nothing was written\n",
    );
    const json = await runCli(['merge', '--json', image, target]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, code: 'unsafe-image', exitCode: 125 });
    expect(hashTree(target)).toBe(before);
    expect(findProtocolNames(target)).toEqual([]);
  });
});

describe('merge --json on every refusal', () => {
  it('a usage error and a bad option value are JSON objects too', async () => {
    for (const args of [
      ['merge', '--json', image],
      ['merge', '--json', '--max-wait', 'soon', image, target],
      ['merge', '--json', join(base, 'no-such-image'), target],
    ]) {
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(125);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      const object = JSON.parse(result.stdout);
      expect(object).toMatchObject({ ok: false, exitCode: 125 });
      expect(typeof object.code).toBe('string');
      expect(result.stderr).toContain(object.message);
    }
  });
});
