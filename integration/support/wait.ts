import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it returns a value, for at most `timeoutMs`; then fails naming `what` never came.
 * Polling a file is synchronising on the file: the interval only bounds how late we notice.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** The JSON lines of a file (a torn last line is skipped), or [] while it does not exist. */
export async function readJsonLines(file: string): Promise<Record<string, unknown>[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** Waits until the shim's events file holds an event named `event`, and returns it. */
export function waitForShimEvent(
  file: string,
  event: string,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  return waitFor(
    `the in-process shim's "${event}" event in ${file}`,
    async () => (await readJsonLines(file)).find((e) => e.event === event),
    timeoutMs,
  );
}
