// @ts-check
// Drives the end-to-end suite's stepped installers (integration/race/installers/<style>.py): one step per
// line on stdin, each answered `done <step> <ms of the installer's last write>` once its writes are on disk.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../integration/race/installers/', import.meta.url));

/**
 * @param {string} python
 * @param {string} style
 * @param {string[]} args
 */
export function startInstaller(python, style, args, timeoutMs = 60_000) {
  const child = spawn(python, [`${DIR}${style}.py`, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONPATH: '', PYTHONDONTWRITEBYTECODE: '1' },
  });
  /** @type {string[]} */
  const replies = [];
  let buffered = '';
  let stderr = '';
  let exited = false;
  /** @type {(() => void) | undefined} */
  let wake;
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    replies.push(...lines);
    wake?.();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise((resolve) =>
    child.on('close', () => {
      exited = true;
      wake?.();
      resolve(undefined);
    }),
  );

  /** @param {string} step */
  async function reply(step) {
    const deadline = Date.now() + timeoutMs;
    while (replies.length === 0) {
      if (exited) throw new Error(`${style} installer exited before answering "${step}": ${stderr.trim()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${style} installer: no answer to "${step}" within ${timeoutMs} ms`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve(undefined);
        };
      });
    }
    return replies.shift() ?? '';
  }

  return {
    /** Performs one step; resolves with the time (ms since epoch) of the installer's last write so far. */
    async step(/** @type {string} */ step) {
      child.stdin.write(`${step}\n`);
      const answer = await reply(step);
      const done = new RegExp(`^done ${step} (\\d+)$`).exec(answer);
      if (!done) throw new Error(`${style} installer: ${answer}`);
      return Number(done[1]);
    },
    async close() {
      child.stdin.end();
      await exit;
    },
  };
}
