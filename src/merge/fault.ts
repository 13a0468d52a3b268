import { existsSync } from 'node:fs';
import { beat } from './heartbeat.js';

// Fault injection for the crash-safety test: with PLUGIN_SETTLE_FAULT_KILL_AT_STEP=N the merge
// SIGKILLs itself at its N-th step, so a test can hit every phase, including the short rename burst
// that a kill at a random wall-clock moment would rarely land in. `count` prints the number of steps.
const setting = process.env.PLUGIN_SETTLE_FAULT_KILL_AT_STEP;
const killAt = setting && setting !== 'count' ? Number(setting) : undefined;
let steps = 0;
// With PLUGIN_SETTLE_FAULT_PAUSE_AT_STEP=N the merge blocks at its N-th step until the file
// PLUGIN_SETTLE_FAULT_PAUSE_UNTIL exists: a staging loop that takes longer than stale-after, with no
// chance for a timer to fire, which only the loop's own heartbeat checks keep alive.
const pauseAt = Number(process.env.PLUGIN_SETTLE_FAULT_PAUSE_AT_STEP) || undefined;
const pauseUntil = process.env.PLUGIN_SETTLE_FAULT_PAUSE_UNTIL;

export function faultStep(): void {
  steps++;
  if (steps === killAt) process.kill(process.pid, 'SIGKILL');
  if (steps === pauseAt && pauseUntil) {
    const slice = new Int32Array(new SharedArrayBuffer(4));
    while (!existsSync(pauseUntil)) {
      Atomics.wait(slice, 0, 0, 20);
      beat();
    }
  }
}

export function reportFaultSteps(): void {
  if (setting === 'count') process.stderr.write(`plugin-settle: fault steps: ${steps}\n`);
}
