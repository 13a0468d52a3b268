import type { AttemptRecord } from '../run/attempts.js';
import { colourFor, type Paint, paint } from './colour.js';

export interface Progress {
  /** A settle wait begins: from now until waitEnded, the status line (or the 5 s heartbeat) runs. */
  waitStarted: (maxWaitMs: number) => void;
  /** What the wait is for changed; a log gets a line only when `kind` changes (default: the words). */
  waiting: (what: string, kind?: string) => void;
  waitEnded: (outcome: { waitedMs: number; proceed: boolean; next: number }) => void;
  retrying: (attempt: AttemptRecord) => void;
  verbose: (line: string) => void;
  warn: (message: string) => void;
  /** A line that shows even with --quiet (the summary of a retried run, errors). */
  always: (line: string, tone?: 'good' | 'bad') => void;
  done: () => void;
  paint: Paint;
}

export interface ProgressOptions {
  quiet: boolean;
  verbose: boolean;
  stderr?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
  /** How often a log (not a terminal) hears that we are still waiting. */
  heartbeatMs?: number;
}

const PREFIX = 'plugin-settle: ';

/**
 * What plugin-settle says on stderr while it works. On a terminal the settle wait is one live line
 * (what it waits for, elapsed, the bound) that vanishes when the wait ends; in a log it is a plain
 * `plugin-settle: waiting for …` line per new reason, repeated every 5 s so a CI log shows we are alive.
 */
export function createProgress(options: ProgressOptions): Progress {
  const out = options.stderr ?? process.stderr;
  const live = Boolean(out.isTTY);
  const colours = paint(colourFor(out, options.env));
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const say = (line: string) => {
    clearLive();
    out.write(`${colours.dim(PREFIX)}${line}\n`);
    drawLive();
  };
  let wait: { started: number; maxWaitMs: number; what: string; kind: string; timer: NodeJS.Timeout } | null =
    null;
  let drawn = false;

  /** `waiting for <what> (<elapsed> s, at most <max> s)`, the reason cut to fit `width` when given. */
  function status(width = Number.POSITIVE_INFINITY): string {
    if (!wait) return '';
    const elapsed = Math.floor((Date.now() - wait.started) / 1000);
    const timing = ` (${elapsed} s, at most ${Math.round(wait.maxWaitMs / 1000)} s)`;
    const room = width - PREFIX.length - 'waiting for '.length - timing.length;
    const what = wait.what.length > room ? `${wait.what.slice(0, Math.max(1, room - 1))}…` : wait.what;
    return `waiting for ${what}${timing}`;
  }
  function drawLive(): void {
    if (!live || !wait?.what) return;
    // A pseudo-terminal without a size (script(1), some CI runners) reports 0 columns.
    const width = Math.max(40, (out.columns || 80) - 1);
    out.write(`\r\x1b[2K${colours.cyan(`${PREFIX}${status(width)}`)}`);
    drawn = true;
  }
  function clearLive(): void {
    if (drawn) out.write('\r\x1b[2K');
    drawn = false;
  }
  function stopWait(): void {
    if (!wait) return;
    clearInterval(wait.timer);
    clearLive();
    wait = null;
  }

  return {
    paint: colours,
    waitStarted(maxWaitMs) {
      stopWait();
      if (options.quiet) return;
      const tick = () => (live ? drawLive() : wait?.what && say(status()));
      const timer = setInterval(tick, live ? 1000 : heartbeatMs);
      // The wait itself keeps the process alive; a forgotten timer must not.
      timer.unref();
      wait = { started: Date.now(), maxWaitMs, what: '', kind: '', timer };
    },
    waiting(what, kind = what) {
      if (options.quiet) return;
      if (!wait) {
        say(`waiting for ${what}`);
        return;
      }
      // A log hears each turn of the wait once (and the heartbeat's latest words); a terminal, every word.
      const turned = kind !== wait.kind;
      wait.what = what;
      wait.kind = kind;
      if (live) drawLive();
      else if (turned) say(`waiting for ${what}`);
    },
    waitEnded({ waitedMs, proceed, next }) {
      stopWait();
      if (!options.quiet && proceed)
        say(`settled after ${(waitedMs / 1000).toFixed(1)} s; running attempt ${next}`);
    },
    retrying(attempt) {
      if (!options.quiet)
        say(`attempt ${attempt.n} failed: ${attempt.decision?.reason}; will retry once settled`);
    },
    verbose(line) {
      if (options.verbose) say(line);
    },
    warn(message) {
      if (!options.quiet || options.verbose) say(`${colours.yellow('warning:')} ${message}`);
    },
    always(line, tone) {
      say(tone === 'good' ? colours.green(line) : tone === 'bad' ? colours.red(line) : line);
    },
    done: stopWait,
  };
}
