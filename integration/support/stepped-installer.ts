import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';

const SCRIPT = fileURLToPath(new URL('./stepped-installer.mjs', import.meta.url));

export interface SteppedInstaller {
  /** Performs the steps in order; resolves once the installer has confirmed each one. */
  step(...steps: string[]): Promise<void>;
  /** Ends the installer process and waits for it. */
  close(): Promise<void>;
}

/** Starts stepped-installer.mjs merging `image` into `root`. Every step waits at most `timeoutMs`. */
export function startSteppedInstaller(image: string, root: string, timeoutMs = 30_000): SteppedInstaller {
  const child: ResultPromise = execa('node', [SCRIPT, image, root], {
    stdin: 'pipe',
    stdout: 'pipe',
    reject: false,
  });
  const replies: string[] = [];
  const waiters: Array<() => void> = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    replies.push(...lines);
    for (const wake of waiters.splice(0)) wake();
  });

  async function reply(): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (replies.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`stepped installer: no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return replies.shift()!;
  }

  return {
    async step(...steps) {
      for (const step of steps) {
        child.stdin?.write(`${step}\n`);
        const answer = await reply();
        if (answer !== `done ${step}`) throw new Error(`stepped installer: ${answer}`);
      }
    },
    async close() {
      child.stdin?.end();
      await child;
    },
  };
}
