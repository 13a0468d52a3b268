import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, waitFor } from '../cli.js';

describe('run --hold: a build waits for a merge that already holds its marker', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ps-hold-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('keeps its build marker while waiting, starts once the marker is released, and cleans up', async () => {
    const marker = join(root, '.plugin-settle-merge');
    await mkdir(marker);
    // A live owner: this test process, on this host.
    await writeFile(
      join(marker, 'owner.json'),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        started: new Date().toISOString(),
        image: '/img',
        tool: 'test',
      }),
    );
    const started = join(root, 'build-started');
    const wrapper = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--hold',
        '--python',
        '/nonexistent/python',
        '--watch',
        root,
        '--',
        'sh',
        '-c',
        `touch ${started}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    wrapper.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => wrapper.on('close', resolve));

    await waitFor('the wrapper to say it waits for the merge', () =>
      /waiting for the merge holding/.test(stderr) ? true : undefined,
    );
    expect(await readdir(join(root, '.plugin-settle-builds'))).toEqual([`${wrapper.pid}.json`]);
    expect(await readdir(root)).not.toContain('build-started');

    await rm(marker, { recursive: true });
    expect(await exited).toBe(0);
    expect(await readdir(root)).toContain('build-started');
    expect(await readdir(join(root, '.plugin-settle-builds')).catch(() => [])).toEqual([]);
  });
});
