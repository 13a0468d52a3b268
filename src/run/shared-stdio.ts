import { fstatSync, writeSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';

/**
 * The build shares our stdin, stdout and stderr: the same open file descriptions, flags included.
 * When Node first touches `process.stdin/stdout/stderr` on a pipe or socket, libuv sets O_NONBLOCK on
 * it, and the build then sees EAGAIN (`cat: write error: Resource temporarily unavailable`) where it
 * would have blocked. Any ESM `import … from 'node:process'` (execa does) touches all three. So before
 * anything does, the pipe and socket ones are replaced by stand-ins that never change the descriptor:
 * blocking `write(2)` for stdout and stderr (what Node does for pipes on Linux anyway), and an inert
 * stdin (the wrapper never reads it). Terminals (libuv reopens them) and files are left to Node.
 */
export function keepSharedStdioBlocking(): void {
  // Once: the CLI calls it before its output guard attaches (so the guard handles the stand-ins'
  // EPIPE), and the run path again; a second stand-in would be one the guard never saw.
  if (installed) return;
  installed = true;
  replace('stdin', 0, () => Object.assign(new Readable({ read() {} }), { fd: 0, isTTY: false }));
  replace('stdout', 1, () => new BlockingWriter(1));
  replace('stderr', 2, () => new BlockingWriter(2));
}

let installed = false;

function replace(name: 'stdin' | 'stdout' | 'stderr', fd: number, make: () => unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(process, name);
  // Already a value (not Node's lazy getter): someone touched it, or replaced it; leave it.
  if (!descriptor?.get || !descriptor.configurable) return;
  let shared = false;
  try {
    const stat = fstatSync(fd);
    shared = stat.isFIFO() || stat.isSocket();
  } catch {
    return;
  }
  if (!shared) return;
  let stream: unknown;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: descriptor.enumerable ?? true,
    get: () => {
      stream ??= make();
      return stream;
    },
  });
}

/** Writes straight to the descriptor, whole chunks, blocking as a C program's stdio would. */
class BlockingWriter extends Writable {
  readonly isTTY = false;

  constructor(readonly fd: number) {
    super({ decodeStrings: true });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      for (let offset = 0; offset < chunk.length; ) {
        try {
          offset += writeSync(this.fd, chunk, offset);
        } catch (error) {
          // Someone else made it non-blocking after all: wait a moment for the reader instead of failing.
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        }
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }
}
