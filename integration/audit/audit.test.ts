import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli.js';
import { findInterpreters, makeVenv, tempDirs, type Venv } from '../support/index.js';
import { installAndKill, makeWheel, pipInstall } from './killed-pip.js';
import { DEAD_PID, installDistribution, seedDeadMarkers, seedLeftovers, seedPortageMerging } from './seed.js';
import { type AuditJson, parseValidAudit } from './validate.js';

const temps = tempDirs();
let venv: Venv;
let cache: string;

/** A CPython with ensurepip and `-m venv`: 3.11 where pyenv has it, else the newest found. */
async function pickPython(): Promise<string> {
  const { found } = await findInterpreters();
  const usable = found.filter(
    (i) => Number(i.version.split('.')[0]) === 3 && Number(i.version.split('.')[1]) >= 8,
  );
  const chosen = usable.find((i) => i.version.startsWith('3.11.')) ?? usable.at(-1);
  if (!chosen) throw new Error('no CPython >= 3.8 found: audit tests need a real venv with pip');
  return chosen.python;
}

const audit = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(['audit', '--python', venv.python, ...args], { env: { XDG_CACHE_HOME: cache, ...env } });

beforeAll(async () => {
  cache = await temps.make('audit-cache');
  venv = await makeVenv(await pickPython(), join(await temps.make('audit-venv'), 'venv'), { pip: true });
}, 120_000);

afterAll(() => temps.cleanup());

describe('plugin-settle audit on a real venv', () => {
  test('a fresh venv (pip and setuptools from ensurepip) is clean: exit 0, valid JSON', async () => {
    const result = await audit(['--json']);
    expect(result.stderr).toBe('');
    const report = parseValidAudit(result.stdout);
    expect(report.findings).toEqual([]);
    expect(report.roots).toEqual([venv.sitePackages]);
    expect(result.code).toBe(0);
    const human = await audit([]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^audit: nothing found in 1 root/);
  }, 60_000);

  test('our own errors: one line and 125', async () => {
    for (const args of [
      ['audit', '--python', '/nonexistent/python'],
      ['audit', '--python', venv.python, '--yes'],
      ['audit', '--python', venv.python, '--watch', '/nonexistent/dir'],
      ['audit', '--python', venv.python, '--stale-after', 'soon'],
    ]) {
      const result = await runCli(args, { env: { XDG_CACHE_HOME: cache } });
      expect(result.code, args.join(' ')).toBe(125);
      expect(result.stderr, args.join(' ')).toMatch(/^plugin-settle: [^\n]+\n$/);
      expect(result.stdout).toBe('');
    }
  }, 60_000);

  describe('seeded with every kind of finding', () => {
    let extra: string;
    let eroot: string;
    let leftovers: Record<string, string>;
    let markers: { merge: string; build: string };
    let sentinel: string;
    let report: AuditJson;
    let exitCode: number | null;
    let leftoverInsidePip: string;

    beforeAll(async () => {
      const site = venv.sitePackages;
      // Incomplete: a real pip install of a big wheel, SIGKILLed mid-way.
      const wheels = await temps.make('audit-wheel');
      await installAndKill(venv.python, site, makeWheel(venv.python, wheels, 200));
      // A complete pip install, then a file lost and a dpkg temp left inside it afterwards.
      pipInstall(venv.python, makeWheel(venv.python, wheels, 3, 'lateplug'));
      rmSync(join(site, 'lateplug', 'data', 'blob001.bin'));
      leftoverInsidePip = join(site, 'lateplug', 'data', 'blob002.bin.dpkg-new');
      writeFileSync(leftoverInsidePip, 'x');
      // An entry point whose module is gone, and one whose attribute is (seen only with --import).
      sentinel = join(await temps.make('audit-sentinel'), 'imported');
      installDistribution(
        site,
        'ghostplug',
        '1.0',
        { 'ghostplug/__init__.py': '' },
        '[setuptools.finalize_distribution_options]\nghost = ghostplug.gone:finalize\n',
      );
      installDistribution(
        site,
        'attrplug',
        '2.0',
        {
          'attrplug/__init__.py': `open(${JSON.stringify(sentinel)}, "w").close()\n`,
          'attrplug/hooks/__init__.py': '',
          'attrplug/hooks/real.py': 'def present():\n    pass\n',
        },
        '[console_scripts]\nattrplug = attrplug.hooks.real:absent\nattrok = attrplug.hooks.real:present\n',
      );
      // Two versions of one distribution, named as differently as PEP 503 allows.
      installDistribution(site, 'Dupe_Plug', '1.0', { 'dupe_plug/__init__.py': '' });
      installDistribution(site, 'dupe.plug', '2.0', { 'dupe_plug/__init__.py': '' });
      // Leftovers and markers in a directory outside the venv (a system root: Portage is looked for).
      extra = await temps.make('audit-extra');
      eroot = await temps.make('audit-eroot');
      leftovers = seedLeftovers(extra);
      leftovers.portage = seedPortageMerging(eroot);
      markers = seedDeadMarkers(extra);
      leftovers.pipTmp = join(site, 'attrplug-2.0.dist-info', 'RECORDab12cd34.tmp');
      writeFileSync(leftovers.pipTmp, 'partial');
      const result = await audit(['--watch', extra, '--stale-after', '0', '--json'], { EROOT: eroot });
      exitCode = result.code;
      expect(result.stderr).toBe('');
      report = parseValidAudit(result.stdout);
    }, 180_000);

    const only = (kind: string, path: string) => {
      const matching = report.findings.filter((f) => f.kind === kind && f.path === path);
      expect(matching, `${kind} ${path} in\n${JSON.stringify(report.findings, null, 2)}`).toHaveLength(1);
      return matching[0]!;
    };

    test('the killed pip left an incomplete distribution, and audit says what is missing', () => {
      const info = join(venv.sitePackages, 'bigplug-1.0.dist-info');
      // The state really is incomplete: metadata with entry points, no RECORD, no entry point module.
      expect(existsSync(join(info, 'entry_points.txt'))).toBe(true);
      expect(existsSync(join(info, 'RECORD'))).toBe(false);
      expect(existsSync(join(venv.sitePackages, 'bigplug', 'zz_writer.py'))).toBe(false);
      const finding = only('incomplete', info);
      expect(finding).toMatchObject({ distribution: 'bigplug', breaks: true, fix: null });
      expect(finding.paths).toEqual(
        expect.arrayContaining(['bigplug-1.0.dist-info/RECORD', 'bigplug/zz_writer.py']),
      );
      expect(finding.why).toMatch(/fails every time/);
      // Its entry point is reported too, with the builds it breaks.
      const ep = only('entry-point', join(info, 'entry_points.txt'));
      expect(ep.entryPoint).toMatchObject({ group: 'egg_info.writers', module: 'bigplug.zz_writer' });
      expect(ep.why).toMatch(/egg_info loads every writer/);
      expect(exitCode).toBe(1);
    });

    test('a file lost from a finished pip install, and a temp name left inside it later', () => {
      const finding = only('incomplete', join(venv.sitePackages, 'lateplug-1.0.dist-info'));
      expect(finding).toMatchObject({ installer: 'pip', paths: ['lateplug/data/blob001.bin'] });
      expect(only('leftover', leftoverInsidePip).installer).toBe('dpkg');
    });

    test('an entry point whose module is missing, found without importing any plugin code', () => {
      const finding = only(
        'entry-point',
        join(venv.sitePackages, 'ghostplug-1.0.dist-info', 'entry_points.txt'),
      );
      expect(finding).toMatchObject({ distribution: 'ghostplug', installer: 'pip', breaks: true });
      expect(finding.entryPoint).toMatchObject({
        module: 'ghostplug.gone',
        missing: 'no module named ghostplug.gone',
        attributeCheck: 'not-checked',
      });
      expect(finding.why).toMatch(/every setuptools build with this interpreter fails/);
      // attrplug's module exists: its missing attribute is not checked, and its code never ran.
      expect(
        report.findings.filter((f) => f.distribution === 'attrplug' && f.kind === 'entry-point'),
      ).toEqual([]);
      expect(report.attributes).toBe('not-checked');
      expect(existsSync(sentinel)).toBe(false);
    });

    test('--import checks attributes, by importing the plugin', async () => {
      const result = await audit(['--import', '--json']);
      const withImport = parseValidAudit(result.stdout);
      expect(withImport.attributes).toBe('checked');
      const broken = withImport.findings.filter((f) => f.distribution === 'attrplug');
      expect(broken).toHaveLength(1);
      expect(broken[0]!.entryPoint).toMatchObject({ name: 'attrplug', attributeCheck: 'missing' });
      expect(broken[0]!.why).toMatch(/the `attrplug` command fails at start with AttributeError/);
      expect(existsSync(sentinel)).toBe(true);
    }, 60_000);

    test('two versions of one distribution', () => {
      const finding = only('duplicate', venv.sitePackages);
      expect(finding).toMatchObject({ distribution: 'dupe-plug', breaks: true });
      expect(finding.paths).toEqual([
        join(venv.sitePackages, 'Dupe_Plug-1.0.dist-info'),
        join(venv.sitePackages, 'dupe.plug-2.0.dist-info'),
      ]);
    });

    test('every installer leftover, by installer, and whose it is to fix', () => {
      const expected: Array<[string, string, string]> = [
        ['pipStash', 'pip', 'others'],
        ['pipMetadataStash', 'pip', 'others'],
        ['pipUnpack', 'pip', 'others'],
        ['pipTmp', 'pip', 'others'],
        ['uv', 'uv', 'others'],
        ['dpkg', 'dpkg', 'others'],
        ['rpm', 'rpm', 'others'],
        ['portageTemp', 'portage', 'others'],
        ['portageCopy', 'portage', 'others'],
        ['portage', 'portage', 'others'],
        ['atomicInstall', 'atomic-install', 'others'],
        ['oursStaged', 'plugin-settle', 'ours'],
        ['oursStage', 'plugin-settle', 'ours'],
      ];
      for (const [key, installer, owner] of expected) {
        const finding = only('leftover', leftovers[key]!);
        expect(finding, key).toMatchObject({ installer, stale: true, fix: { owner, action: 'remove' } });
        expect(finding.why.length, key).toBeGreaterThan(20);
      }
      // A stash of metadata is read as a distribution by every loader: it breaks builds.
      expect(only('leftover', leftovers.pipMetadataStash!).breaks).toBe(true);
      expect(only('leftover', leftovers.dpkg!).why).toMatch(/dpkg --configure -a/);
      // Nothing claimed twice, nothing under a leftover reported separately.
      const paths = report.findings.map((f) => `${f.kind} ${f.path}`);
      expect(new Set(paths).size).toBe(paths.length);
    });

    test('stale markers: a dead merge and a dead `run --hold` build', () => {
      expect(only('stale-marker', markers.merge)).toMatchObject({
        installer: 'plugin-settle',
        breaks: false,
        fix: { owner: 'ours', action: 'remove' },
      });
      expect(only('stale-marker', markers.build).why).toContain(`pid ${DEAD_PID}`);
    });

    test('the human listing names each finding with its installer and why', async () => {
      const result = await audit(['--watch', extra, '--stale-after', '0'], { EROOT: eroot });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `incomplete [BREAKS BUILDS]: ${join(venv.sitePackages, 'bigplug-1.0.dist-info')}`,
      );
      expect(result.stdout).toContain(`leftover [warning]: ${leftovers.dpkg}`);
      expect(result.stdout).toContain('installer dpkg, stale');
      expect(result.stdout).toMatch(/entry point attributes: not checked/);
    }, 60_000);
  });
});

describe('plugin-settle audit --fix', () => {
  // A venv of its own, without pip: an empty site-packages, so only what each test seeds is found.
  let bare: string;
  beforeAll(async () => {
    const dir = join(await temps.make('audit-bare'), 'venv');
    execFileSync(await pickPython(), ['-m', 'venv', '--without-pip', dir]);
    bare = join(dir, 'bin', 'python');
  }, 120_000);
  const auditBare = (args: string[]) =>
    runCli(['audit', '--python', bare, ...args], { env: { XDG_CACHE_HOME: cache } });

  /** Every path under `dir`, directories included. */
  function snapshot(dir: string): Set<string> {
    const paths = new Set<string>();
    const visit = (at: string) => {
      for (const name of readdirSync(at)) {
        const path = join(at, name);
        paths.add(path);
        if (lstatSync(path).isDirectory()) visit(path);
      }
    };
    visit(dir);
    return paths;
  }

  /** What a set of listed removals accounts for: each path and everything under it. */
  const covered = (before: Set<string>, removed: string[]) =>
    [...before].filter((path) => removed.some((r) => path === r || path.startsWith(`${r}/`))).sort();

  test('removes only ours without --yes, lists the rest, then --yes removes those: exactly what it lists', async () => {
    const root = await temps.make('audit-fix');
    const leftovers = seedLeftovers(root);
    const markers = seedDeadMarkers(root);
    installDistribution(root, 'keepme', '1.0', { 'keepme/__init__.py': '' });
    const args = ['--watch', root, '--stale-after', '0', '--fix'];

    const before = snapshot(root);
    const first = await auditBare([...args, '--json']);
    const firstReport = parseValidAudit(first.stdout);
    const after = snapshot(root);
    const steps = firstReport.fix!.steps;
    const removed = steps.filter((s) => s.action === 'removed').map((s) => s.path);
    expect(removed.sort()).toEqual(
      [leftovers.oursStaged!, leftovers.oursStage!, markers.merge, markers.build].sort(),
    );
    expect(steps.every((s) => s.action !== 'removed' || s.owner === 'ours')).toBe(true);
    const gone = [...before].filter((path) => !after.has(path)).sort();
    expect(gone).toEqual(covered(before, removed));
    expect([...after].filter((path) => !before.has(path))).toEqual([]);
    const wouldRemove = steps.filter((s) => s.action === 'would-remove').map((s) => s.path);
    expect(wouldRemove.length).toBe(9);
    for (const path of wouldRemove) expect(existsSync(path), path).toBe(true);

    const human = await auditBare([...args, '--yes']);
    const removedLines = human.stdout.split('\n').filter((line) => line.startsWith('removed '));
    const removedNow = removedLines.map((line) => line.slice('removed '.length).replace(/ \(.*\)$/, ''));
    expect(removedNow.sort()).toEqual(wouldRemove.sort());
    const finally_ = snapshot(root);
    expect([...after].filter((path) => !finally_.has(path)).sort()).toEqual(covered(after, removedNow));
    // The user's own distribution is untouched, and what is left is clean.
    expect(existsSync(join(root, 'keepme', '__init__.py'))).toBe(true);
    expect(human.code).toBe(0);
    const clean = await auditBare(['--watch', root, '--stale-after', '0']);
    expect(clean.code).toBe(0);
  }, 60_000);

  test('a merge killed mid-way: --fix runs merge --recover where its journal is, not a blind delete', async () => {
    const root = await temps.make('audit-journal');
    const image = await temps.make('audit-image');
    for (const [path, text] of Object.entries({
      'jplug/__init__.py': '',
      'jplug/core.py': 'x = 1\n',
      'jplug-1.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: jplug\nVersion: 1.0\n',
      'jplug-1.0.dist-info/top_level.txt': 'jplug\n',
    })) {
      mkdirSync(join(image, path, '..'), { recursive: true });
      writeFileSync(join(image, path), text);
    }
    const merge = (env: NodeJS.ProcessEnv) =>
      runCli(['merge', '--no-fsync', '--quiet', image, root], { env });
    const steps = Number(
      /fault steps: (\d+)/.exec((await merge({ PLUGIN_SETTLE_FAULT_KILL_AT_STEP: 'count' })).stderr)?.[1],
    );
    expect(steps).toBeGreaterThan(2);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
    const killed = await merge({ PLUGIN_SETTLE_FAULT_KILL_AT_STEP: String(Math.ceil(steps / 2)) });
    expect(killed.signal).toBe('SIGKILL');
    const journal = readdirSync(root).find((name) => name.startsWith('.plugin-settle-journal.'));
    expect(journal, `no journal in ${readdirSync(root)}`).toBeDefined();

    const before = parseValidAudit(
      (await auditBare(['--watch', root, '--stale-after', '0', '--json'])).stdout,
    );
    expect(before.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'leftover',
          path: join(root, journal!),
          breaks: true,
          fix: { owner: 'ours', action: 'recover' },
        }),
        expect.objectContaining({ kind: 'stale-marker', path: join(root, '.plugin-settle-merge') }),
      ]),
    );
    const fixed = await auditBare(['--watch', root, '--stale-after', '0', '--fix']);
    expect(fixed.stdout).toMatch(new RegExp(`^recovered ${root}: (completed|rolled back) merge`, 'm'));
    expect(readdirSync(root).filter((name) => name.startsWith('.plugin-settle'))).toEqual([]);
    // Exactly the old tree (empty) or exactly the new one, never a mix.
    const completed = /completed merge/.test(fixed.stdout);
    expect(readdirSync(root).sort()).toEqual(completed ? ['jplug', 'jplug-1.0.dist-info'] : []);
    expect(fixed.code, fixed.stdout).toBe(0);
  }, 60_000);

  test('a live merge is never touched and keeps the exit status at 1', async () => {
    const root = await temps.make('audit-live');
    mkdirSync(join(root, '.plugin-settle-merge'));
    writeFileSync(
      join(root, '.plugin-settle-merge', 'owner.json'),
      JSON.stringify({
        pid: process.pid,
        host: (await import('node:os')).hostname(),
        started: '',
        tool: 'test',
      }),
    );
    const result = await auditBare(['--watch', root, '--fix', '--yes', '--json']);
    const report = parseValidAudit(result.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'merge-in-progress', stale: false, breaks: true, fix: null }),
    ]);
    expect(report.fix!.steps).toEqual([]);
    expect(existsSync(join(root, '.plugin-settle-merge', 'owner.json'))).toBe(true);
    expect(result.code).toBe(1);
    expect(readFileSync(join(root, '.plugin-settle-merge', 'owner.json'), 'utf8')).toContain(
      String(process.pid),
    );
  }, 60_000);
});
