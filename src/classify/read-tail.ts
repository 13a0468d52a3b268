import { open } from 'node:fs/promises';
import { TAIL_LIMIT } from './text.js';

/**
 * The last `limit` bytes of a file, read without loading the rest: a 50 MB log costs one small read.
 * Pipes, FIFOs, `<(…)`, `/dev/stdin` on a pipe and /proc files have no size to seek from: those are
 * read to their end like a stream.
 */
export async function readFileTail(path: string, limit = TAIL_LIMIT): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size === 0)
      return await readStreamTail(handle.createReadStream({ autoClose: false }), limit);
    const { size } = stats;
    const length = Math.min(size, limit);
    const buffer = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, size - length + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The last `limit` bytes of a stream, holding no more than about twice that in memory. */
export async function readStreamTail(
  stream: AsyncIterable<Uint8Array>,
  limit = TAIL_LIMIT,
): Promise<Uint8Array> {
  let chunks: Uint8Array[] = [];
  let held = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    held += chunk.byteLength;
    if (held > 2 * limit) {
      const joined = Buffer.concat(chunks);
      chunks = [joined.subarray(joined.byteLength - limit)];
      held = limit;
    }
  }
  const all = Buffer.concat(chunks);
  const tail = all.byteLength > limit ? all.subarray(all.byteLength - limit) : all;
  return new Uint8Array(tail.buffer, tail.byteOffset, tail.byteLength);
}
