import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { readReport, startWrapper } from '../race/wrapper.js';
import {
  cached,
  cleanup,
  ENTRY,
  makeImages,
  NAMESPACE,
  PLUGIN,
  pinCacheKey,
  setUp,
  UPGRADED,
  upgrading,
} from './stevedore-race.js';

// stevedore, OpenStack's plugin host (Debian's python3-stevedore): an app's driver merged metadata-first,
// and an upgrade that moved the driver while stevedore's entry-point cache still names the old module.
beforeAll(makeImages, 120_000);
afterAll(cleanup);

describe("stevedore plugins (Debian's python3-stevedore)", () => {
  it('unwrapped: both managers fail on the driver merged metadata-first', async () => {
    const race = await setUp();
    const run = (mode: string) =>
      execa(race.venv.python, ['app.py', mode], {
        cwd: race.app,
        env: race.env,
        extendEnv: false,
        reject: false,
      });
    const strict = await run('driver');
    const lenient = await run('extensions');
    await race.installer.close();
    expect(strict.exitCode, strict.stderr).not.toBe(0);
    expect(strict.stderr).toMatch(new RegExp(`ModuleNotFoundError: No module named '${PLUGIN}'$`, 'm'));
    expect(strict.stderr).toMatch(/stevedore\/extension\.py", line \d+, in _load_one_plugin/);
    // The failure stevedore swallows: only its log line tells, and the app goes on without the driver.
    expect(lenient.exitCode).toBe(1);
    expect(lenient.stderr).toMatch(`Could not load 'racy': No module named '${PLUGIN}'`);
    expect(lenient.stderr).toMatch('racyapp: no racy driver loaded');
    // The cache written from the half-merged tree already names the plugin: its metadata was complete.
    expect(await cached(race)).toContainEqual(ENTRY);

    const log = join(race.app, 'driver.log');
    await writeFile(log, strict.stderr);
    const diagnosed = await runCli(['diagnose', '--json', log]);
    expect(JSON.parse(diagnosed.stdout)).toMatchObject({
      category: 'missing-module',
      module: PLUGIN,
      loader: { frame: 'stevedore:_load_one_plugin' },
    });
  }, 120_000);

  it.each([
    ['DriverManager', 'driver'],
    ['ExtensionManager, which would swallow the failure', 'extensions'],
  ])(
    'wrapped: %s healed in process, one run',
    async (_name, mode) => {
      const race = await setUp();
      const report = join(race.app, 'report.json');
      const wrapper = startWrapper(['run', '--report', report, '--', race.venv.python, 'app.py', mode], {
        cwd: race.app,
        env: race.env,
      });
      try {
        await wrapper.line(/plugin-settle: entry point racy failed .*waiting for the merge to settle/);
        await race.installer.step('code', 'finish');
        const done = await wrapper.done();
        expect(done.code, done.stderr).toBe(0);
        expect(done.stdout).toBe(`${PLUGIN} says hello\n`);
        expect(done.stderr).not.toMatch(/Could not load|Traceback/);
        const written = await readReport(report);
        expect(written.attempts).toHaveLength(1);
        expect(written.inProcess.map((e) => e.event)).toEqual(['waiting', 'healed']);
        expect(written.inProcess[1]).toMatchObject({
          group: NAMESPACE,
          entry_point: 'racy',
          module: `${PLUGIN}.driver`,
        });
      } finally {
        wrapper.kill();
        await race.installer.close();
      }
    },
    120_000,
  );

  it('wrapped, healing off: the swallowed failure is judged by the shim record and the app run again', async () => {
    const race = await setUp();
    const report = join(race.app, 'report.json');
    const wrapper = startWrapper(
      ['run', '--report', report, '--', race.venv.python, 'app.py', 'extensions'],
      {
        cwd: race.app,
        env: { ...race.env, PLUGIN_SETTLE_HEAL: '0' },
      },
    );
    try {
      await wrapper.line(/^plugin-settle: waiting for/);
      await race.installer.step('code', 'finish');
      const done = await wrapper.done();
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toBe(`${PLUGIN} says hello\n`);
      const written = await readReport(report);
      expect(written.result).toBe('succeeded');
      expect(written.attempts).toHaveLength(2);
      // The app's own last words name no module: the record of the load stevedore swallowed does.
      expect(written.attempts[0]!.judgedBy).toMatchObject({ event: 'passed', argv0: 'app.py' });
      expect(written.attempts[0]!.classification).toMatchObject({
        category: 'missing-module',
        module: PLUGIN,
        // The record's traceback runs from the app's start through stevedore's loader to the failure.
        loader: { frame: 'stevedore:_load_one_plugin' },
      });
      expect(written.inProcess[0]).toMatchObject({
        event: 'passed',
        group: NAMESPACE,
        reason: 'healing off',
      });
      // The run again read the cache the failed run wrote from the half-merged tree (stevedore keys it on
      // mtimes packed as 32-bit floats: 128 s apart at today's times), and that cache was right.
      expect(await cached(race)).toContainEqual(ENTRY);
    } finally {
      wrapper.kill();
      await race.installer.close();
    }
  }, 120_000);

  it('unwrapped: after an upgrade that moved the driver, stevedore loads the module its cache remembers', async () => {
    const race = await upgrading('bare');
    await race.installer.step('code', 'finish');
    await race.installer.close();
    await pinCacheKey(race);
    // The merge is over and the installed metadata names racydrv.v2; the cache still says racydrv.driver.
    const bare = await execa(race.venv.python, ['app.py', 'driver'], {
      cwd: race.app,
      env: race.env,
      extendEnv: false,
      reject: false,
    });
    expect(bare.exitCode).not.toBe(0);
    expect(bare.stderr).toMatch(
      new RegExp(`ModuleNotFoundError: No module named '${PLUGIN}\\.driver'$`, 'm'),
    );
    expect(await cached(race)).toContainEqual(ENTRY);
  }, 120_000);

  it('wrapped: an upgrade merged mid-run is healed from the installed metadata, and the stale cache dropped', async () => {
    const race = await upgrading('wrapped');
    const report = join(race.app, 'report.json');
    const wrapper = startWrapper(['run', '--report', report, '--', race.venv.python, 'app.py', 'driver'], {
      cwd: race.app,
      env: race.env,
    });
    try {
      await wrapper.line(/plugin-settle: entry point racy failed .*waiting for the merge to settle/);
      await race.installer.step('code', 'finish');
      const done = await wrapper.done();
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toBe(`${PLUGIN} 2 says hello\n`);
      expect(done.stderr).toMatch(
        `entry point racy is now ${PLUGIN}.v2:Driver (was ${PLUGIN}.driver:Driver)`,
      );
      const written = await readReport(report);
      expect(written.attempts).toHaveLength(1);
      expect(written.inProcess.map((e) => e.event)).toEqual(['waiting', 'healed']);
      // No cache file names the old module any more: the next run, wrapped or not, lists afresh.
      expect(await cached(race)).not.toContainEqual(ENTRY);
      const after = await execa(race.venv.python, ['app.py', 'driver'], {
        cwd: race.app,
        env: race.env,
        extendEnv: false,
      });
      expect(after.stdout).toBe(`${PLUGIN} 2 says hello`);
      expect(await cached(race)).toContainEqual(UPGRADED);
    } finally {
      wrapper.kill();
      await race.installer.close();
    }
  }, 120_000);
});
