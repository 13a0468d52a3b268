import type { Report } from '../types.js';
import { annotations } from './annotations.js';
import { endGroup, group, workflowCommand } from './github.js';
import { sectionEnd, sectionStart } from './gitlab.js';
import { appendStepSummary, stepSummary, worthSummarising } from './step-summary.js';

/** What CI output needs to hear from a run: attempts starting and ending, then the report. */
export interface CiOutput {
  attemptStarting(n: number): void;
  attemptEnded(n: number): void;
  /** plugin-settle itself failed at something (the decision, the report): an error annotation. */
  ourFailure(message: string): void;
  /** Annotations and the step summary; resolves to a warning when the summary could not be written. */
  finish(report: Report): Promise<string | null>;
}

export interface CiOptions {
  env: NodeJS.ProcessEnv;
  /** Our stderr: workflow commands and section lines are read from it too, and stdout is the build's. */
  write: (line: string) => void;
  command: readonly string[];
  maxAttempts: number;
  now?: () => number;
}

/** GitHub Actions or GitLab CI output, or null outside both. */
export function ciOutput(options: CiOptions): CiOutput | null {
  if (options.env.GITHUB_ACTIONS === 'true') return githubOutput(options);
  if (options.env.GITLAB_CI === 'true') return gitlabOutput(options);
  return null;
}

/**
 * Groups are collapsed by default, and whether attempt 1 will be retried is unknown while its output
 * streams: so attempt 1 stays in the open (a plain failure must stay visible) and each retry is a group.
 */
function githubOutput({ env, write, command, maxAttempts }: CiOptions): CiOutput {
  let open = 0;
  return {
    ourFailure(message) {
      write(workflowCommand('error', { title: 'plugin-settle' }, message));
    },
    attemptStarting(n) {
      if (n < 2) return;
      write(group(`plugin-settle: attempt ${n} of at most ${maxAttempts}: ${command.join(' ')}`));
      open = n;
    },
    attemptEnded(n) {
      if (open !== n) return;
      write(endGroup());
      open = 0;
    },
    async finish(report) {
      if (open) this.attemptEnded(open);
      for (const line of annotations(report)) write(line);
      const file = env.GITHUB_STEP_SUMMARY;
      if (!file || !worthSummarising(report)) return null;
      return appendStepSummary(file, stepSummary(report));
    },
  };
}

/** GitLab sections are expanded by default, so every attempt gets one: the log shows where each began. */
function gitlabOutput({ write, command, maxAttempts, now = Date.now }: CiOptions): CiOutput {
  let open = 0;
  const name = (n: number) => `plugin_settle_attempt_${n}`;
  return {
    // GitLab has no annotations: the line on stderr is the whole story.
    ourFailure() {},
    attemptStarting(n) {
      write(
        sectionStart(
          name(n),
          `plugin-settle: attempt ${n} of at most ${maxAttempts}: ${command.join(' ')}`,
          now(),
        ),
      );
      open = n;
    },
    attemptEnded(n) {
      if (open !== n) return;
      write(sectionEnd(name(n), now()));
      open = 0;
    },
    async finish() {
      if (open) this.attemptEnded(open);
      return null;
    },
  };
}
