import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
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
  /**
   * Where each output stream goes. `inherit` (the default): the build writes to our own file
   * descriptor, so it keeps its terminal, its pipe's SIGPIPE, its write errors and the kernel's
   * ordering, and we keep no tail. A stream: we pipe it through and keep a tail for the classifier
   * (the fallback where no in-process shim can record the failure, and for library callers).
   */
  stdout?: Writable | 'inherit';
  stderr?: Writable | 'inherit';
  tailBytes?: number;
}

/** After the build exits, how long a piped stream may still bring bytes a daemon of it writes. */
const DRAIN_MS = 100;

/**
 * Starts the command in its own process group (so signals reach grandchildren, e.g. a compiler under
 * setup.py) and resolves when that process exits, whatever a daemon it left behind still holds.
 *
 * node:child_process, not execa: execa settles only once the child's stdio streams close, which a
 * daemon holding them delays for as long as it lives; and it costs ~45 ms of start-up per build.
 */
export function createSpawner(options: SpawnOptions): Spawner {
  const { relay, clock } = options;
  const stdout = options.stdout ?? 'inherit';
  const stderr = options.stderr ?? 'inherit';
  return async (n) => {
    const tail = stdout === 'inherit' && stderr === 'inherit' ? null : new OutputTail(options.tailBytes);
    const started = clock.now();
    let child: ChildProcess;
    try {
      child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        env: options.env,
        stdio: [
          'inherit',
          stdout === 'inherit' ? 'inherit' : 'pipe',
          stderr === 'inherit' ? 'inherit' : 'pipe',
        ],
        detached: true,
      });
    } catch (error) {
      // Refused before any process exists (an empty name, a NUL byte): the command cannot be run.
      throw startError(options.command, error as NodeJS.ErrnoException);
    }
    const failure = await spawned(child);
    if (failure) throw startError(options.command, failure);
    const pid = child.pid!;
    child.on('error', () => {});
    const killGroup = (signal: NodeJS.Signals) => signalGroup(child, pid, signal);
    const handle: AttemptHandle = { pid, kill: killGroup, result: Promise.resolve(null as never) };
    // If the wrapper dies (uncaught error, process.exit) the build must not live on unsupervised.
    const onExit = () => killGroup('SIGKILL');
    process.once('exit', onExit);
    // …and if the wrapper is SIGKILLed, which no handler sees.
    const guard = guardGroup(pid);
    relay.attach(handle);
    const streams = [
      tail && stdout !== 'inherit' ? passThrough(child.stdout, stdout, tail) : null,
      tail && stderr !== 'inherit' ? passThrough(child.stderr, stderr, tail) : null,
    ].filter((stream): stream is Readable => stream !== null);
    (handle as { result: Promise<AttemptResult> }).result = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        process.off('exit', onExit);
        guard.release();
        relay.detach(handle);
        const interrupted = relay.signal.aborted;
        // Leftovers that ignored the forwarded signal (a `cmd &` under sh ignores SIGINT) are ours to end.
        if (interrupted) killGroup('SIGKILL');
        const ended = clock.now();
        void drained(streams).then(() =>
          resolve({
            n,
            started,
            ended,
            exitCode: code,
            signal,
            interrupted,
            tail: tail ? tail.bytes() : Buffer.alloc(0),
          }),
        );
      });
    });
    return handle;
  };
}

/** Resolves with the spawn error (ENOENT, EACCES…), or undefined once the process runs. */
function spawned(child: ChildProcess): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (error) => resolve(error));
  });
}

/** Piped streams get a short drain after the exit; then we stop reading, as a terminal would not wait. */
async function drained(streams: Readable[]): Promise<void> {
  const open = streams.filter((stream) => !stream.readableEnded && !stream.destroyed);
  if (open.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(open.map((stream) => new Promise((r) => stream.once('close', r)))),
    new Promise((r) => {
      timer = setTimeout(r, DRAIN_MS);
    }),
  ]);
  clearTimeout(timer);
  // Whoever still holds the pipe (a daemon) now sees EPIPE, as if its reader had gone away.
  for (const stream of open) stream.destroy();
}

function signalGroup(child: ChildProcess, pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone or was never made: the direct child is all there is.
    child.kill(signal);
  }
}

/**
 * Our reader went away (`| head`), or our stream cannot be written (a full disk): close our read end,
 * so the build sees the EPIPE or SIGPIPE it would have seen writing there itself.
 */
function passThrough(from: Readable | null, to: Writable, tail: OutputTail): Readable | null {
  if (!from) return null;
  from.on('data', (chunk: Buffer) => tail.push(chunk));
  from.on('error', () => {});
  from.pipe(to, { end: false });
  const onError = () => {
    from.unpipe(to);
    from.destroy();
  };
  to.on('error', onError);
  from.once('close', () => to.off('error', onError));
  return from;
}

function startError(command: string, error: NodeJS.ErrnoException): CommandError {
  if (error.code === 'ENOENT') {
    return new CommandError(`command not found: ${command} (check the name and PATH)`, 'command-not-found');
  }
  return new CommandError(
    `cannot execute ${command || "''"}: ${error.code?.startsWith('ERR_') ? error.message : (error.code ?? error.message)} (check its permissions and interpreter line)`,
    'command-not-executable',
  );
}
