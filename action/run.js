#!/usr/bin/env node
// The GitHub Action's entry (action.yml): runs `plugin-settle run` with the inputs, then sets the
// outputs `result`, `attempts`, `exit-code` and `report` from the JSON report. Annotations, retry groups
// and the step summary come from plugin-settle itself, which sees GITHUB_ACTIONS=true.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandArgv, InputError, input, runFlags } from './inputs.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The checked-out CLI when it is built (a repository using its own action), else the npm package. */
async function cli() {
  if (existsSync(join(root, 'dist', 'cli.js')))
    return [process.execPath, join(root, 'bin', 'plugin-settle.js')];
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  return ['npx', '--yes', `plugin-settle@${version}`];
}

async function setOutputs(values) {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  await appendFile(
    file,
    Object.entries(values)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
}

async function main() {
  const env = process.env;
  const cwd = resolve(input(env, 'working-directory') || '.');
  const defaultReport = join(env.RUNNER_TEMP || tmpdir(), `plugin-settle-report.${process.pid}.json`);
  let flags;
  let command;
  try {
    flags = runFlags(env, defaultReport);
    command = commandArgv(env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stdout.write(`::error title=plugin-settle action::${error.message}\n`);
    await setOutputs({ result: 'error', attempts: 0, 'exit-code': 125 });
    return 125;
  }
  const [program, ...before] = await cli();
  const child = spawn(program, [...before, 'run', ...flags, '--', ...command], { cwd, stdio: 'inherit' });
  // A cancelled job signals this process; the wrapper forwards to the build's group and reports.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const exitCode = await new Promise((done) => {
    child.on('error', (error) => {
      process.stdout.write(`::error title=plugin-settle action::cannot start ${program}: ${error.message}\n`);
      done(125);
    });
    child.on('close', (code, signal) => done(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
  const reportFile = resolve(cwd, flags[flags.indexOf('--report') + 1]);
  const report = await readFile(reportFile, 'utf8').then(JSON.parse, () => null);
  await setOutputs({
    // No report: plugin-settle stopped before the build (bad usage, exit 125) and said why on stderr.
    result: report?.result ?? 'error',
    attempts: report?.attempts?.length ?? 0,
    'exit-code': exitCode,
    report: report ? reportFile : '',
  });
  return exitCode;
}

process.exitCode = await main();
