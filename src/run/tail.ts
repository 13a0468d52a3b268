/** Default bytes of combined output kept per attempt: enough for any traceback, bounded whatever the child prints. */
export const TAIL_BYTES = 256 * 1024;

/**
 * The last `limit` bytes of a stream, kept as a list of chunks so appending never copies the whole
 * buffer; memory stays at most one chunk above the limit.
 */
export class OutputTail {
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor(readonly limit: number = TAIL_BYTES) {}

  push(chunk: Uint8Array): void {
    if (chunk.length >= this.limit) {
      this.chunks = [chunk.subarray(chunk.length - this.limit)];
      this.size = this.limit;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit) {
      this.size -= this.chunks.shift()!.length;
    }
  }

  /** The kept bytes, trimmed to exactly `limit` (the first chunk may start mid-line: the classifier copes). */
  bytes(): Buffer {
    const all = Buffer.concat(this.chunks, this.size);
    return all.length > this.limit ? all.subarray(all.length - this.limit) : all;
  }

  get length(): number {
    return Math.min(this.size, this.limit);
  }
}
