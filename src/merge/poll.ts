import { setTimeout as sleep } from 'node:timers/promises';
import { PluginSettleError } from '../errors.js';

const POLL_INTERVAL_MS = 50;

/** Every wait is bounded and says what never came. `check` may throw to stop waiting. */
export async function pollUntil(
  check: () => boolean | Promise<boolean>,
  options: { maxWaitMs: number; what: string },
): Promise<void> {
  const deadline = Date.now() + options.maxWaitMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) {
      throw new PluginSettleError(
        `gave up after ${Math.round(options.maxWaitMs / 1000)} s waiting for ${options.what}; raise --max-wait to wait longer`,
        'merge-wait-timeout',
      );
    }
    await sleep(POLL_INTERVAL_MS);
  }
}
