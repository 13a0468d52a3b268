import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';

export type InstallerStyle =
  | 'naive'
  | 'pip_like'
  | 'portage_like'
  | 'dpkg_like'
  | 'upgrade'
  | 'truncated'
  | 'slow';

const DIR = fileURLToPath(new URL('./installers/', import.meta.url));

export interface RaceInstaller {
  /** Performs one step; resolves with the time (ms since epoch) of the installer's last write so far. */
  step(step: string): Promise<number>;
  /** Closes its stdin and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Starts `installers/<style>.py <image> <root> [extra...]` under `python`. Each line written is one
 * step; the installer answers `done <step> <last write ms>` once the step's writes are on disk.
 */
export function startRaceInstaller(
  python: string,
  style: InstallerStyle,
  args: string[],
  timeoutMs = 30_000,
): RaceInstaller {
  const child: ResultPromise = execa(python, [`${DIR}${style}.py`, ...args], {
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    reject: false,
    env: { PYTHONPATH: '', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const replies: string[] = [];
  let wake: (() => void) | undefined;
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    replies.push(...lines);
    wake?.();
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  void child.then(() => {
    exited = true;
    wake?.();
  });

  async function reply(step: string): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (replies.length === 0) {
      if (exited) throw new Error(`${style} installer exited before answering "${step}": ${stderr.trim()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${style} installer: no answer to "${step}" within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return replies.shift()!;
  }

  return {
    async step(step) {
      child.stdin?.write(`${step}\n`);
      const answer = await reply(step);
      const done = new RegExp(`^done ${step} (\\d+)$`).exec(answer);
      if (!done) throw new Error(`${style} installer: ${answer}`);
      return Number(done[1]);
    },
    async close() {
      child.stdin?.end();
      await child;
    },
  };
}
