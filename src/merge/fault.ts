// Fault injection for the crash-safety test: with PLUGIN_SETTLE_FAULT_KILL_AT_STEP=N the merge
// SIGKILLs itself at its N-th step, so a test can hit every phase, including the short rename burst
// that a kill at a random wall-clock moment would rarely land in. `count` prints the number of steps.
const setting = process.env.PLUGIN_SETTLE_FAULT_KILL_AT_STEP;
const killAt = setting && setting !== 'count' ? Number(setting) : undefined;
let steps = 0;

export function faultStep(): void {
  steps++;
  if (steps === killAt) process.kill(process.pid, 'SIGKILL');
}

export function reportFaultSteps(): void {
  if (setting === 'count') process.stderr.write(`plugin-settle: fault steps: ${steps}\n`);
}
