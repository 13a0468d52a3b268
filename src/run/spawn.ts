import type { Writable } from 'node:stream';
import { execa, type ResultPromise } from 'execa';
import { CommandError } from '../errors.js';
import type { SignalRelay } from './signals.js';
import { OutputTail } from './tail.js';
import type { AttemptHandle, AttemptResult, Clock, Spawner } from './types.js';
import { guardGroup } from './watchdog.js';

export interface SpawnOptions {
  command: string;
  args: readonly string[];
  cwd?: string;
  env: NodeJS.ProcessEnv;
  relay: SignalRelay;
  clock: Clock;
  stdout?: Writable;
  stderr?: Writable;
  tailBytes?: number;
}

/**
 * Starts the command in its own process group (so signals reach grandchildren, e.g. a compiler under
 * setup.py), passes its output through byte for byte with back-pressure, and keeps a bounded tail.
 */
export function createSpawner(options: SpawnOptions): Spawner {
  const { relay, clock } = options;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  return async (n) => {
    const tail = new OutputTail(options.tailBytes);
    const started = clock.now();
    const child = execa(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      extendEnv: false,
      stdin: 'inherit',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      encoding: 'buffer',
      reject: false,
      detached: true,
      cleanup: false,
      forceKillAfterDelay: false,
      stripFinalNewline: false,
    });
    const killGroup = (signal: NodeJS.Signals) => signalGroup(child, signal);
    const handle: AttemptHandle = { pid: child.pid, kill: killGroup, result: Promise.resolve(null as never) };
    // If the wrapper dies (uncaught error, process.exit) the build must not live on unsupervised.
    const onExit = () => killGroup('SIGKILL');
    process.once('exit', onExit);
    // …and if the wrapper is SIGKILLed, which no handler sees.
    const guard = child.pid === undefined ? undefined : guardGroup(child.pid);
    relay.attach(handle);
    passThrough(child.stdout, stdout, tail);
    passThrough(child.stderr, stderr, tail);
    (handle as { result: Promise<AttemptResult> }).result = child.then((result) => {
      process.off('exit', onExit);
      guard?.release();
      relay.detach(handle);
      if (result.failed && result.exitCode === undefined && !result.signal)
        throw startError(options.command, result);
      const interrupted = relay.signal.aborted;
      // Leftovers that ignored the forwarded signal (a `cmd &` under sh ignores SIGINT) are ours to end.
      if (interrupted) killGroup('SIGKILL');
      return {
        n,
        started,
        ended: clock.now(),
        exitCode: result.exitCode ?? null,
        signal: (result.signal as NodeJS.Signals | undefined) ?? null,
        interrupted,
        tail: tail.bytes(),
      };
    });
    return handle;
  };
}

function signalGroup(child: ResultPromise, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone or was never made: the direct child is all there is.
    child.kill(signal);
  }
}

function passThrough(from: NodeJS.ReadableStream | null, to: Writable, tail: OutputTail): void {
  if (!from) return;
  from.on('data', (chunk: Buffer) => tail.push(chunk));
  from.pipe(to, { end: false });
  // A reader that went away (`| head`) must not stall the child: keep draining into the tail.
  to.once('error', () => {
    from.unpipe(to);
    from.resume();
  });
}

function startError(command: string, result: { code?: string; shortMessage?: string }): CommandError {
  if (result.code === 'ENOENT') {
    return new CommandError(`command not found: ${command} (check the name and PATH)`, 'command-not-found');
  }
  return new CommandError(
    `cannot execute ${command}: ${result.code ?? result.shortMessage ?? 'unknown error'} (check its permissions and interpreter line)`,
    'command-not-executable',
  );
}
