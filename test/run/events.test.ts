import { appendFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ShimEvents } from '../../src/run/events.js';

describe('the shim events file, read per attempt', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('gives each read only what was appended since, waits out a half-written line, skips a torn one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ps-events-'));
    dirs.push(dir);
    const file = join(dir, 'events.jsonl');
    const events = new ShimEvents(file);
    expect(await events.readNew()).toEqual([]);
    await appendFile(file, '{"event":"exception","pid":1}\n{"event":"passed","pid":2}\n');
    expect((await events.readNew()).map((e) => e.pid)).toEqual([1, 2]);
    await appendFile(file, '{"event":"exception",');
    expect(await events.readNew()).toEqual([]);
    await appendFile(file, '"pid":3}\nnot json\n');
    expect((await events.readNew()).map((e) => e.pid)).toEqual([3]);
    expect((await events.finish()).map((e) => e.pid)).toEqual([1, 2, 3]);
    await expect(stat(file)).rejects.toThrow();
  });
});
