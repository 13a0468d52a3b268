import { open, rm } from 'node:fs/promises';

export type ShimEvent = Record<string, unknown>;

/**
 * The JSON-lines file the in-process shim appends to (README "Protocol"). Read by offset after each
 * attempt, so an attempt is judged by its own records only; a line still being written (no newline
 * yet) waits for the next read, and a torn line (a shim killed mid-write) is skipped.
 */
export class ShimEvents {
  private offset = 0;
  private readonly all: ShimEvent[] = [];

  constructor(readonly file: string) {}

  /** The records appended since the last call. */
  async readNew(): Promise<ShimEvent[]> {
    let text: Buffer;
    try {
      const handle = await open(this.file, 'r');
      try {
        const { size } = await handle.stat();
        text = Buffer.alloc(Math.max(0, size - this.offset));
        const { bytesRead } = await handle.read(text, 0, text.length, this.offset);
        text = text.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch {
      return [];
    }
    const complete = text.lastIndexOf(0x0a) + 1;
    this.offset += complete;
    const events = parseLines(text.subarray(0, complete).toString('utf8'));
    this.all.push(...events);
    return events;
  }

  /** Every record of the run (read to the end), and the file removed. */
  async finish(): Promise<ShimEvent[]> {
    await this.readNew();
    await rm(this.file, { force: true });
    return this.all;
  }
}

function parseLines(text: string): ShimEvent[] {
  const events: ShimEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const event: unknown = JSON.parse(line);
      if (event && typeof event === 'object' && !Array.isArray(event)) events.push(event as ShimEvent);
    } catch {
      // A shim killed mid-write leaves a partial line; the rest is still worth reporting.
    }
  }
  return events;
}

/** Reads and removes the whole file at once (for callers that keep no reader). */
export async function readShimEvents(file: string): Promise<ShimEvent[]> {
  return new ShimEvents(file).finish();
}
