import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { playAct } from './act.js';
import { makeScene } from './scene.js';

export interface DemoOptions {
  python: string;
  keep?: boolean;
  out?: NodeJS.WritableStream;
}

/**
 * The race of Gentoo bug 663324 in a temp dir, three times: unprotected, wrapped (retry), and wrapped
 * with the in-process shim (healed, no rebuild). Returns true when the story came out as it should.
 */
export async function runDemo(options: DemoOptions): Promise<boolean> {
  const out = options.out ?? process.stdout;
  const say = (line = '') => out.write(`${line}\n`);
  const scene = await makeScene(options.python);
  try {
    const build = [scene.python, 'setup.py', '-q', 'egg_info'];
    const cli = [process.execPath, join(packageRoot, 'bin', 'plugin-settle.js'), 'run'];
    say(`plugin-settle demo, in ${scene.dir}`);
    say('A plugin (demoplug) is merged metadata first, code later, while `setup.py egg_info` runs.\n');

    say('1. Unprotected: the build sees the entry point before the code.');
    const bare = await playAct(scene, build);
    say(`   exit ${bare.exitCode}: ${bare.lastLine}\n`);

    say('2. Wrapped, retry only (plugin-settle run --no-inprocess):');
    const reportFile = join(scene.dir, 'report.json');
    const retried = await playAct(scene, [...cli, '--no-inprocess', '--report', reportFile, '--', ...build]);
    const report = JSON.parse(await readFile(reportFile, 'utf8').catch(() => '{}'));
    const retriedAttempts: number = report.attempts?.length ?? 0;
    for (const line of retried.stderr.split('\n').filter((l) => l.startsWith('plugin-settle:')))
      say(`   ${line}`);
    say(`   exit ${retried.exitCode} after ${retriedAttempts} attempt(s)\n`);

    say('3. Wrapped with the in-process shim (plugin-settle run):');
    const healedReport = join(scene.dir, 'report-healed.json');
    const healed = await playAct(scene, [...cli, '--report', healedReport, '--', ...build]);
    const second = JSON.parse(await readFile(healedReport, 'utf8').catch(() => '{}'));
    const healedAttempts: number = second.attempts?.length ?? 0;
    const healedLoads = (second.inProcess ?? []).filter(
      (e: { event?: string }) => e.event === 'healed',
    ).length;
    for (const line of healed.stderr.split('\n').filter((l) => l.startsWith('plugin-settle:')))
      say(`   ${line}`);
    say(
      `   exit ${healed.exitCode} after ${healedAttempts} attempt(s), ${healedLoads} load(s) healed in process\n`,
    );

    say('| run | exit | attempts | rebuilds |');
    say('| --- | ---: | ---: | ---: |');
    say(`| unprotected | ${bare.exitCode} | 1 | – |`);
    say(
      `| plugin-settle, retry | ${retried.exitCode} | ${retriedAttempts} | ${Math.max(0, retriedAttempts - 1)} |`,
    );
    say(
      `| plugin-settle, in-process | ${healed.exitCode} | ${healedAttempts} | ${Math.max(0, healedAttempts - 1)} |`,
    );
    const ok = bare.exitCode !== 0 && retried.exitCode === 0 && retriedAttempts >= 2 && healed.exitCode === 0;
    say(
      ok
        ? '\nThe race broke the bare build; plugin-settle got both wrapped builds through.'
        : '\nThe demo did not come out as expected: see above.',
    );
    return ok;
  } finally {
    if (!options.keep) await rm(scene.dir, { recursive: true, force: true });
  }
}
