import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputTail } from '../../src/run/tail.js';

describe('OutputTail', () => {
  it('keeps exactly the last `limit` bytes of any sequence of chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        (chunks, limit) => {
          const tail = new OutputTail(limit);
          for (const chunk of chunks) tail.push(chunk);
          const all = Buffer.concat(chunks);
          expect(tail.bytes()).toEqual(all.subarray(Math.max(0, all.length - limit)));
          expect(tail.length).toBe(Math.min(all.length, limit));
        },
      ),
    );
  });

  it('does not hold more than one chunk beyond the limit however much is pushed', () => {
    const tail = new OutputTail(1024);
    const chunk = Buffer.alloc(100, 1);
    for (let i = 0; i < 100_000; i++) tail.push(chunk);
    expect((tail as unknown as { chunks: Buffer[] }).chunks.length).toBeLessThanOrEqual(12);
  });
});
