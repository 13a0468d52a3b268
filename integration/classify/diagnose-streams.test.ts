import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../cli.js';

// Logs that arrive through pipes have no size to seek from: `<(…)`, `/dev/stdin` on a pipe and a
// FIFO must be read to their end like `diagnose - < log`, and find the same race.
const LOG = new URL('../../test/fixtures/classify/gentoo/gentoo-663324-pbr.log', import.meta.url).pathname;
const node = process.execPath;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plugin-settle-diagnose-streams-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function expectTheRace(stdout: string): void {
  expect(JSON.parse(stdout)).toMatchObject({
    category: 'missing-module',
    module: 'pbr',
    loader: { group: 'egg_info.writers' },
  });
}

describe('diagnose reads pipes like files', () => {
  it('the reference: a file, and - on stdin', async () => {
    expectTheRace((await runCli(['diagnose', '--json', LOG])).stdout);
    const viaDash = await execa('bash', ['-c', '"$0" "$1" diagnose --json - < "$2"', node, CLI, LOG]);
    expectTheRace(viaDash.stdout);
  });

  it('process substitution, <(cat log)', async () => {
    const result = await execa('bash', ['-c', '"$0" "$1" diagnose --json <(cat "$2")', node, CLI, LOG]);
    expectTheRace(result.stdout);
  });

  it('/dev/stdin on a pipe, cat log | diagnose /dev/stdin', async () => {
    const result = await execa('bash', [
      '-c',
      'cat "$2" | "$0" "$1" diagnose --json /dev/stdin',
      node,
      CLI,
      LOG,
    ]);
    expectTheRace(result.stdout);
  });

  it('a FIFO, written while diagnose reads it', async () => {
    const fifo = join(dir, 'log.fifo');
    await execa('mkfifo', [fifo]);
    const diagnose = runCli(['diagnose', '--json', fifo]);
    // Opening a FIFO for writing blocks until a reader has it open: this is the synchronisation.
    await pipeline(createReadStream(LOG), createWriteStream(fifo));
    const result = await diagnose;
    expect(result.code, result.stderr).toBe(0);
    expectTheRace(result.stdout);
  });

  it('bare diagnose reads stdin when it is not a terminal', async () => {
    const result = await execa('bash', ['-c', 'cat "$2" | "$0" "$1" diagnose --json', node, CLI, LOG]);
    expectTheRace(result.stdout);
  });

  it('bare diagnose on a terminal is a one-line usage error, not a wait for typing', async () => {
    // script(1) gives the CLI a terminal for stdin; -e passes its exit status through.
    const child = spawn('script', ['-qec', `${node} ${CLI} diagnose`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const hang = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', (status) => {
        clearTimeout(hang);
        resolve(status);
      });
    });
    expect(output.trim()).toBe(
      'plugin-settle: diagnose needs a build log: pass its path, or pipe it in (plugin-settle diagnose build.log)',
    );
    expect(code).toBe(125);
  });
});
