// @ts-check
// The built CLI started as a user starts it, with its stderr read live so a bench can sequence on the
// wrapper's (or the in-process shim's) own words instead of on sleeps.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { benchCli } from './cli.js';

/**
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string> }} options
 */
export function startWrapper(args, { cwd, env }) {
  const child = spawn(process.execPath, [benchCli(), ...args], {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let exited = false;
  child.stderr.on('data', (chunk) => (stderr += chunk));
  /** @type {Promise<number | null>} */
  const exit = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      exited = true;
      resolve(code);
    });
  });
  return {
    get exited() {
      return exited;
    },
    /** The first stderr line matching `pattern`; fails naming it if none comes in time or the wrapper exits. */
    async line(/** @type {RegExp} */ pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = stderr.split('\n').find((line) => pattern.test(line));
        if (found) return found;
        if (exited)
          throw new Error(`plugin-settle exited without a line matching ${pattern}; stderr:\n${stderr}`);
        if (Date.now() > deadline)
          throw new Error(`no stderr line matching ${pattern} in ${timeoutMs} ms:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    /** The exit code; kills the wrapper and fails if it hangs past `timeoutMs`. */
    async done(timeoutMs = 120_000) {
      /** @type {NodeJS.Timeout | undefined} */
      let timer;
      const hang = new Promise((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`plugin-settle did not exit within ${timeoutMs} ms; stderr:\n${stderr}`));
        }, timeoutMs);
      });
      try {
        return { code: await Promise.race([exit, hang]), stderr };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** @param {string} file */
export const readReport = (file) => JSON.parse(readFileSync(file, 'utf8'));
