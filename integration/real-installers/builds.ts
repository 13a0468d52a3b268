import { join } from 'node:path';
import { execa } from 'execa';
import type { Report } from '../../src/report/types.js';
import { CLI } from '../cli.js';
import { readValidReport } from '../report/validate.js';

export interface Build {
  n: number;
  exitCode: number | undefined;
  /** The end of its output: the error that failed it. */
  tail: string;
  /** The wrapper's report, for wrapped builds. */
  report?: Report;
}

export interface BuildLoop {
  /** The builds so far. */
  readonly builds: readonly Build[];
  /**
   * Resolves once no build of the loop is recovering from a failed attempt: at once, or when the build
   * the wrapper judged a failure of (`plugin-settle: attempt N: …`, `waiting for …`) has ended.
   */
  settledOrNotWaiting(): Promise<void>;
  /** Stops after the build in flight; resolves with every build that ran. */
  stop(): Promise<Build[]>;
}

export interface BuildSpec {
  python: string;
  project: string;
  env: Record<string, string>;
  /** `plugin-settle run` options to wrap each build with; unwrapped when absent. */
  wrap?: string[];
}

const cli = process.env.PLUGIN_SETTLE_CLI || CLI;
/** A hang-catcher for one build, wrapped or not (a loaded 2-core machine, a full settle wait). */
const BUILD_BOUND_MS = 180_000;

/** `setup.py egg_info`: loads every egg_info.writers and setuptools.file_finders plugin installed. */
async function build(spec: BuildSpec, n: number, onWaiting: () => void): Promise<Build> {
  const python = [spec.python, 'setup.py', '-q', 'egg_info'];
  const reportFile = join(spec.project, `report-${n}.json`);
  const [file, ...args] = spec.wrap
    ? [process.execPath, cli, 'run', '--report', reportFile, ...spec.wrap, '--', ...python]
    : python;
  const subprocess = execa(file!, args, {
    cwd: spec.project,
    env: { ...spec.env, FORCE_COLOR: '0' },
    reject: false,
    all: true,
    timeout: BUILD_BOUND_MS,
  });
  // The wrapper's own words: under `--verbose` it names each failed attempt it judges (`attempt N: …`),
  // and says when it waits for the tree to settle; from then until the build ends it is recovering.
  subprocess.stderr?.on('data', (chunk: Buffer) => {
    if (/plugin-settle: (attempt \d|waiting for)/.test(String(chunk))) onWaiting();
  });
  const result = await subprocess;
  if (result.timedOut) throw new Error(`build ${n} hung:\n${result.all}`);
  const tail = String(result.all ?? '')
    .trim()
    .split('\n')
    .slice(-3)
    .join('\n');
  return {
    n,
    exitCode: result.exitCode,
    tail,
    ...(spec.wrap ? { report: await readValidReport(reportFile) } : {}),
  };
}

/** Runs builds back to back until stopped. */
export function loopBuilds(spec: BuildSpec): BuildLoop {
  let stopping = false;
  const builds: Build[] = [];
  let waiting: Promise<void> | undefined;
  let waitingEnded = () => {};
  // A hung build or a missing report ends the loop; `stop` says so (no unhandled rejection meanwhile).
  const running = (async () => {
    while (!stopping) {
      const onWaiting = () => {
        waiting ??= new Promise((resolve) => {
          waitingEnded = resolve;
        });
      };
      try {
        builds.push(await build(spec, builds.length + 1, onWaiting));
      } finally {
        waitingEnded();
        waiting = undefined;
      }
    }
  })().then(
    () => undefined,
    (error: Error) => error,
  );
  return {
    builds,
    // Bounded: a build ends within BUILD_BOUND_MS, or execa ends it.
    settledOrNotWaiting: () => waiting ?? Promise.resolve(),
    async stop() {
      stopping = true;
      const error = await running;
      if (error) throw error;
      return builds;
    },
  };
}

export const failed = (builds: readonly Build[]) => builds.filter((b) => b.exitCode !== 0);
