import type { AttemptRecord } from '../run/attempts.js';

export interface Progress {
  waiting: (what: string) => void;
  retrying: (attempt: AttemptRecord) => void;
  verbose: (line: string) => void;
  warn: (message: string) => void;
  done: () => void;
}

/** Plain lines on stderr while a retry is prepared; the build's own output stays untouched on stdout. */
export function createProgress(options: {
  quiet: boolean;
  verbose: boolean;
  stderr?: NodeJS.WritableStream;
}): Progress {
  const out = options.stderr ?? process.stderr;
  const say = (line: string) => out.write(`plugin-settle: ${line}\n`);
  let lastWaiting = '';
  let lastAt = 0;
  return {
    waiting(what) {
      if (options.quiet) return;
      // A new reason is news; the same one is repeated every 5 s so a log shows we are alive.
      const now = Date.now();
      if (what === lastWaiting && now - lastAt < 5000) return;
      lastWaiting = what;
      lastAt = now;
      say(`waiting for ${what}`);
    },
    retrying(attempt) {
      if (!options.quiet)
        say(`attempt ${attempt.n} failed: ${attempt.decision?.reason}; will retry once settled`);
    },
    verbose(line) {
      if (options.verbose) say(line);
    },
    warn(message) {
      if (!options.quiet || options.verbose) say(`warning: ${message}`);
    },
    done() {
      lastWaiting = '';
    },
  };
}
