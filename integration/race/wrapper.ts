import { spawn } from 'node:child_process';
import type { Report } from '../../src/report/types.js';
import { CLI, waitFor } from '../cli.js';
import { readValidReport } from '../report/validate.js';

export interface RunningWrapper {
  /** Resolves with the first stderr line matching `pattern`; fails naming it if none comes in time. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** True once the wrapper has exited. */
  readonly exited: boolean;
  /** Kills it (a test that failed midway must not leave it waiting for an installer). */
  kill(): void;
  /** The wrapper's exit; rejects if it does not come within `timeoutMs` (a hang), killing it. */
  done(timeoutMs?: number): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * The built CLI; PLUGIN_SETTLE_CLI points at a private copy of the package (scripts/race-20x.sh makes
 * one) so a rebuild of the shared checkout's dist/ cannot pull lazy chunks from under a running wrapper.
 */
const cli = process.env.PLUGIN_SETTLE_CLI || CLI;

/** Starts the built CLI as a user would (`node bin/plugin-settle.js ...`), reading its stderr live. */
export function startWrapper(
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): RunningWrapper {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: options.cwd,
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve, reject) => {
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
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
    line: (pattern, timeoutMs = 60_000) =>
      waitFor(
        `a stderr line of plugin-settle matching ${pattern} (stderr so far:\n${stderr})`,
        () =>
          stderr.split('\n').find((line) => pattern.test(line)) ??
          (exited ? failEarly(pattern, stderr) : undefined),
        timeoutMs,
      ),
    async done(timeoutMs = 120_000) {
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`plugin-settle did not exit within ${timeoutMs} ms; stderr:\n${stderr}`));
        }, timeoutMs);
      });
      try {
        const code = await Promise.race([exit, hang]);
        return { code, stdout, stderr };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function failEarly(pattern: RegExp, stderr: string): never {
  throw new Error(`plugin-settle exited without a stderr line matching ${pattern}; stderr:\n${stderr}`);
}

/** Every report the race suite reads must also match the shipped schema. */
export async function readReport(file: string): Promise<Report> {
  return readValidReport(file);
}
