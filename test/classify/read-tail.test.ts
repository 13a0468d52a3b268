import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileTail, readStreamTail } from '../../src/classify/read-tail.js';

const dir = mkdtempSync(join(tmpdir(), 'plugin-settle-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

describe('reading only the tail of a log', () => {
  it.each([0, 10, 1000, 5000])('a %i-byte file keeps its last 1000 bytes', async (size) => {
    const path = join(dir, `log-${size}`);
    const content = bytes(size);
    writeFileSync(path, content);
    expect(await readFileTail(path, 1000)).toEqual(content.subarray(Math.max(0, size - 1000)));
  });

  it('a stream in uneven chunks keeps its last bytes, whatever the chunking', async () => {
    const content = bytes(10_000);
    async function* chunks() {
      for (let at = 0; at < content.length; at += 333) yield content.subarray(at, at + 333);
    }
    expect(await readStreamTail(chunks(), 1000)).toEqual(content.subarray(9000));
  });

  it('a missing file rejects with its error code, for diagnose to report', async () => {
    await expect(readFileTail(join(dir, 'absent'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
