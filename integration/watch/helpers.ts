import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir removed after the test. */
export function tempDir(prefix = 'ps-watch-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Polls `check` until it returns a truthy value; fails naming what never came. */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 10_000,
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface HeldLock {
  pid: number;
  release(): Promise<void>;
}

/** Holds a lock in a child until released; resolves once the child says it holds it. */
async function hold(command: string, args: string[], what: string): Promise<HeldLock> {
  const child: ChildProcess = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before taking the lock`)));
  });
  return {
    pid: child.pid!,
    release: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

/** A POSIX record lock (fcntl/lockf), as Portage and dpkg take them. */
export function holdPosixLock(python: string, path: string): Promise<HeldLock> {
  const script = `import fcntl, sys
f = open(sys.argv[1], "a")
fcntl.lockf(f, fcntl.LOCK_EX)
print("locked"); sys.stdout.flush()
sys.stdin.read()`;
  return hold(python, ['-c', script, path], 'the lockf holder');
}

/** An flock(2) lock taken by flock(1), as uv takes `<venv>/.lock`. */
export function holdFlock(path: string): Promise<HeldLock> {
  return hold('flock', [path, 'sh', '-c', 'echo locked; cat >/dev/null'], 'flock(1)');
}

/** pid of a process that has exited (for stale markers). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}
