import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../cli.js';

// A reader that is gone before we write: the read end of the pipe is closed before the CLI starts,
// so every write of ours meets EPIPE, deterministically (no race with a `| head` that may or may not
// have exited yet). Python makes the pipe: Node has no pipe(2).
const CLOSED_PIPE = `
import json, os, subprocess, sys
which = sys.argv[1]
r, w = os.pipe()
os.close(r)
streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
streams[which] = w
p = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, **streams)
os.close(w)
out, err = p.communicate()
other = err if which == "stdout" else out
sys.stdout.write(json.dumps({"code": p.returncode, "other": other.decode("utf-8", "replace")}))
`;

async function intoClosedPipe(which: 'stdout' | 'stderr', args: string[], cwd?: string) {
  const result = await execa('python3', ['-c', CLOSED_PIPE, which, process.execPath, CLI, ...args], {
    cwd,
    timeout: 60_000,
  });
  return JSON.parse(result.stdout) as { code: number; other: string };
}

const FIXTURE = new URL('../../test/fixtures/classify/gentoo/gentoo-663324-pbr.log', import.meta.url)
  .pathname;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugin-settle-closed-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('our own output into a closed pipe', () => {
  it.each([
    [['--help']],
    [['--version']],
    [['run', '--help']],
    [['merge', '--help']],
    [['status']],
    [['status', '--json']],
    [['config']],
    [['shim', 'env']],
    [['diagnose', FIXTURE]],
  ])('%j: a quiet exit with 141, the status of a program SIGPIPE ended, and no trace', async (args) => {
    const result = await intoClosedPipe('stdout', args, dir);
    expect(result.other).toBe('');
    expect(result.code).toBe(141);
  });

  it('a build keeps running and its status is returned when our stderr reader is gone', async () => {
    const marker = join(dir, 'ran');
    const result = await intoClosedPipe('stderr', [
      'run',
      '--verbose',
      '--',
      'sh',
      '-c',
      `touch ${marker}; exit 3`,
    ]);
    expect(result.code).toBe(3);
    await expect(readFile(marker, 'utf8')).resolves.toBe('');
  });

  it('a merge finishes, and exits 0, when nobody reads what it prints', async () => {
    const image = join(dir, 'image');
    const root = join(dir, 'root');
    await mkdir(join(image, 'pkg'), { recursive: true });
    await mkdir(root, { recursive: true });
    await writeFile(join(image, 'pkg', '__init__.py'), 'x = 1\n');
    const result = await intoClosedPipe('stdout', ['merge', image, root]);
    expect(result.code).toBe(0);
    expect(result.other).toBe('');
    await expect(readFile(join(root, 'pkg', '__init__.py'), 'utf8')).resolves.toBe('x = 1\n');
  });

  it('a write error other than a closed reader is one line and 125', async () => {
    // The shell's redirection, so our stdout is /dev/full itself and not a pipe execa drains into it.
    const result = await execa('sh', ['-c', '"$0" "$1" config > /dev/full', process.execPath, CLI], {
      reject: false,
    });
    expect(result.exitCode).toBe(125);
    expect(result.stderr).toBe('plugin-settle: cannot write to standard output (ENOSPC)');
  });
});
