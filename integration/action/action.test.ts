import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFakeRace } from '../report/fake-race.js';
import { readValidReport } from '../report/validate.js';
import { tempDirs } from '../support/temp.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

const ENTRY = fileURLToPath(new URL('../../action/run.js', import.meta.url));
const ACTION_YML = fileURLToPath(new URL('../../action.yml', import.meta.url));

interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the entry script as the runner runs action.yml's step: inputs as INPUT_* variables (every
 * declared input present, empty when not given), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
 * GITHUB_ACTIONS=true, RUNNER_TEMP; the workspace as working directory.
 */
async function runStep(inputs: Record<string, string>, workspace: string): Promise<StepResult> {
  const runner = await temp.make('action-runner');
  const output = join(runner, 'github_output');
  const summary = join(runner, 'step_summary');
  await writeFile(output, '');
  await writeFile(summary, '');
  const declared = await declaredInputs();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(declared.map((name) => [`INPUT_${name.toUpperCase().replaceAll('-', '_')}`, ''])),
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [
        `INPUT_${name.toUpperCase().replaceAll('-', '_')}`,
        value,
      ]),
    ),
    GITHUB_ACTIONS: 'true',
    GITLAB_CI: '',
    CI: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runner,
    FORCE_COLOR: '0',
  };
  for (const key of Object.keys(env)) if (key.startsWith('PLUGIN_SETTLE_')) delete env[key];
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [ENTRY], {
        cwd: workspace,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (err += chunk));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    },
  );
  const outputs = Object.fromEntries(
    (await readFile(output, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { code, stdout, stderr, outputs, summary: await readFile(summary, 'utf8') };
}

/** The input names action.yml declares (two-space keys under `inputs:`). */
async function declaredInputs(): Promise<string[]> {
  const yml = await readFile(ACTION_YML, 'utf8');
  const block = /^inputs:\n((?: {2}.*\n|\n)*)/m.exec(yml)?.[1] ?? '';
  return [...block.matchAll(/^ {2}([a-z-]+):$/gm)].map((match) => match[1]!);
}

/** A build that fails like a merge race until attempt `passOn` (fake-race.ts), as action inputs. */
async function raceInputs(passOn: number) {
  const workspace = await temp.make('action-ws');
  const race = await makeFakeRace(workspace, { passOn });
  const [, python, , watch] = race.args;
  return {
    workspace,
    race,
    inputs: {
      command: race.command.join(' '),
      python: python!,
      watch: watch!,
      inprocess: 'false',
      settle: '200ms',
    },
  };
}

describe('the GitHub Action (action.yml, action/run.js)', () => {
  it('passes every declared input to the entry script and declares the outputs it sets', async () => {
    const yml = await readFile(ACTION_YML, 'utf8');
    const declared = await declaredInputs();
    expect(declared).toEqual(
      expect.arrayContaining(['command', 'retries', 'settle', 'max-wait', 'window', 'python', 'watch']),
    );
    expect(declared).toEqual(
      expect.arrayContaining(['inprocess', 'report', 'on-retry', 'working-directory']),
    );
    for (const name of declared)
      expect(yml).toContain(`INPUT_${name.toUpperCase().replaceAll('-', '_')}: \${{ inputs.${name} }}`);
    for (const output of ['result', 'attempts', 'exit-code', 'report'])
      expect(yml).toContain(`value: \${{ steps.run.outputs.${output} }}`);
    expect(yml).toContain('node "$GITHUB_ACTION_PATH/action/run.js"');
  });

  it('a race survived: outputs result=succeeded and attempts=2, a ::warning, the retry grouped, the step summary', async () => {
    const { workspace, race, inputs } = await raceInputs(2);
    const step = await runStep({ ...inputs, retries: '2', 'on-retry': 'touch cleaned' }, workspace);
    expect(step.code, step.stderr).toBe(0);
    expect(step.outputs).toMatchObject({ result: 'succeeded', attempts: '2', 'exit-code': '0' });
    const report = await readValidReport(step.outputs.report!);
    expect(report.attempts[0]?.onRetry).toMatchObject({ command: 'touch cleaned', exitCode: 0 });
    expect(await readFile(join(workspace, 'cleaned'), 'utf8')).toBe('');
    expect(await race.attempts()).toBe(2);
    expect(step.stderr).toMatch(
      /^::warning title=plugin-settle%3A plugin merge race \(pbr\)::attempt 1 failed: /m,
    );
    expect(step.stderr).toMatch(/^::group::plugin-settle: attempt 2 of at most 3: bash /m);
    expect(step.summary).toMatch(/^### plugin-settle: succeeded on attempt 2 after a plugin merge race\n/);
  });

  it('gives up: the build fails the step with its own status, result=gave-up, an ::error', async () => {
    const { workspace, inputs } = await raceInputs(99);
    const reportFile = join(workspace, 'ps-report.json');
    const step = await runStep({ ...inputs, retries: '1', report: 'ps-report.json' }, workspace);
    expect(step.code).toBe(1);
    expect(step.outputs).toEqual({
      result: 'gave-up',
      attempts: '2',
      'exit-code': '1',
      report: join(workspace, 'ps-report.json'),
    });
    expect((await readValidReport(reportFile)).result).toBe('gave-up');
    expect(step.stderr).toMatch(/^::error title=plugin-settle%3A gave up::gave up after 2 attempts/m);
    expect(step.summary).toContain('### plugin-settle: gave up after 2 attempts');
  });

  it('a real failure fails at once; the command runs in bash like a run: step, in working-directory', async () => {
    const workspace = await temp.make('action-ws');
    const step = await runStep(
      { command: `printf '%s|' "two words" "$PWD"; false; echo not reached`, 'working-directory': '/tmp' },
      workspace,
    );
    expect(step.code).toBe(1);
    expect(step.stdout).toBe('two words|/tmp|');
    expect(step.outputs).toMatchObject({ result: 'failed', attempts: '1', 'exit-code': '1' });
    expect(step.summary).toBe('');
  });

  it('a bad input: exit 125, an ::error naming the input, result=error', async () => {
    const workspace = await temp.make('action-ws');
    const step = await runStep({ command: 'true', inprocess: 'maybe' }, workspace);
    expect(step.code).toBe(125);
    expect(step.stdout).toBe(
      "::error title=plugin-settle action::inprocess: expected true or false, got 'maybe'\n",
    );
    expect(step.outputs).toEqual({ result: 'error', attempts: '0', 'exit-code': '125' });
    const bad = await runStep({ command: 'true', retries: 'lots' }, workspace);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/^plugin-settle: .*retries.*lots/m);
    expect(bad.outputs).toMatchObject({ result: 'error', attempts: '0', 'exit-code': '125', report: '' });
  });
});
