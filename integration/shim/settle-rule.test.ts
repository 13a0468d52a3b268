import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type Implicated, isArriving, startMonitor } from '../../src/watch/index.js';
import { atLeast, findInterpreters, tempDirs } from '../support/index.js';
import { SHIM_PYTHON_DIR } from './shim-env.js';

// DESIGN.md decision step 4 as the shim implements it: each case builds a site-packages tree and asks
// the shim whether the implicated distribution is complete and whether an installer is at work. The
// wrapper implements the same rule in TypeScript (src/watch/); every question is put to it too, and the
// two must agree on the verdict that matters, whether to wait, or a build healed in process and a
// retried one would be told different things about the same tree.
const PROBE = fileURLToPath(new URL('./settle_probe.py', import.meta.url));
const { found } = await findInterpreters();
const pythons = found.filter((i) => atLeast(i.version, '3.6'));
const edges = [...new Set([pythons[0], pythons.at(-1)])].filter((p) => p !== undefined);
const temp = tempDirs();
afterAll(() => temp.cleanup());

let root = '';
let eroot = '';
let vdb = '';
beforeEach(async () => {
  root = await temp.make('root');
  eroot = await temp.make('eroot');
  vdb = join(eroot, 'var/db/pkg');
  await mkdir(vdb, { recursive: true });
});

async function put(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function ask(
  python: string,
  question: { modules?: string[]; dists?: string[] },
  env: Record<string, string> = {},
) {
  // A settle time longer than any test takes: the trees are just written, and must count as arriving.
  env = { PLUGIN_SETTLE_SETTLE_MS: '600000', ...env };
  const result = await execa(python, [PROBE, JSON.stringify(question)], {
    env: { PYTHONPATH: SHIM_PYTHON_DIR, PLUGIN_SETTLE_ROOTS: root, PLUGIN_SETTLE_PORTAGE_VDB: vdb, ...env },
  });
  const shim = JSON.parse(result.stdout) as { incomplete: string[]; merges: string[] };
  const wrapper = await askWrapper(question, env);
  expect(
    { wait: shim.incomplete.length + shim.merges.length > 0 },
    `the shim says ${JSON.stringify(shim)}, the wrapper ${JSON.stringify(wrapper)}`,
  ).toEqual({ wait: wrapper.incomplete.length + wrapper.merges.length > 0 });
  return shim;
}

/** The same question to the wrapper's monitor: what its settle wait would still wait for. */
async function askWrapper(question: { modules?: string[]; dists?: string[] }, env: Record<string, string>) {
  const staleAfter = env.PLUGIN_SETTLE_STALE_AFTER_MS;
  const monitor = startMonitor({
    roots: [root],
    portageRoot: eroot,
    ...(staleAfter === undefined ? {} : { staleAfterMs: Number(staleAfter) }),
  });
  try {
    const module = question.modules?.[0];
    const implicated: Implicated = {
      ...(module ? { module, topLevel: module.split('.')[0] ?? null } : {}),
      ...(question.dists?.[0] ? { distribution: question.dists[0] } : {}),
    };
    const [incomplete, merges] = await Promise.all([
      monitor.incomplete(implicated),
      monitor.mergesInProgress(implicated),
    ]);
    return {
      incomplete: incomplete
        .filter((entry) => isArriving(entry, Number(env.PLUGIN_SETTLE_SETTLE_MS)))
        .map((entry) => `${entry.distribution}: ${entry.missing}`),
      merges: merges.filter((merge) => !merge.stale).map((merge) => `${merge.kind} ${merge.path}`),
    };
  } finally {
    await monitor.close();
  }
}

const RECORD_DIST = {
  'pbr-5.0.dist-info/METADATA': 'Name: pbr\n',
  'pbr-5.0.dist-info/entry_points.txt': '[egg_info.writers]\npbr.json = pbr.pbr_json:write_pbr_json\n',
  'pbr-5.0.dist-info/RECORD':
    'pbr/__init__.py,,3\npbr/pbr_json.py,,5\npbr/__pycache__/pbr_json.cpython-311.pyc,,\npbr-5.0.dist-info/RECORD,,\n',
};

describe.each(edges.map((p) => [p.version, p.python] as const))(
  'settle rule, Python %s',
  (_version, python) => {
    it('dist-info with RECORD: complete only when every listed file has its recorded size', async () => {
      await put({ ...RECORD_DIST, 'pbr/__init__.py': 'x=1' });
      expect((await ask(python, { modules: ['pbr'] })).incomplete).toEqual([
        `pbr-5.0.dist-info: ${join(root, 'pbr/pbr_json.py')}`,
      ]);
      await put({ 'pbr/pbr_json.py': 'x=' });
      expect((await ask(python, { dists: ['PBR'] })).incomplete).toEqual([
        `pbr-5.0.dist-info: ${join(root, 'pbr/pbr_json.py')} (size)`,
      ]);
      await put({ 'pbr/pbr_json.py': 'x = 1' });
      expect((await ask(python, { modules: ['pbr.pbr_json'] })).incomplete).toEqual([]);
    });

    it('egg-info: top_level names, entry-point modules with their parents, installed-files', async () => {
      await put({
        'setuptools_git-1.2.egg-info/PKG-INFO': 'Name: setuptools-git\n',
        'setuptools_git-1.2.egg-info/top_level.txt': 'setuptools_git\n',
        'setuptools_git-1.2.egg-info/entry_points.txt':
          '[setuptools.file_finders]\ngit = setuptools_git.finder:listfiles\n',
        'setuptools_git-1.2.egg-info/installed-files.txt':
          '../setuptools_git/__init__.py\n../setuptools_git/__pycache__/x.pyc\n',
      });
      const question = { dists: ['setuptools.git'] };
      expect((await ask(python, question)).incomplete).toEqual([
        'setuptools_git-1.2.egg-info: setuptools_git',
        'setuptools_git-1.2.egg-info: setuptools_git.finder',
        'setuptools_git-1.2.egg-info: ../setuptools_git/__init__.py',
      ]);
      await put({ 'setuptools_git/finder.py': '' });
      expect((await ask(python, question)).incomplete).toEqual([
        'setuptools_git-1.2.egg-info: setuptools_git.finder',
        'setuptools_git-1.2.egg-info: ../setuptools_git/__init__.py',
      ]);
      await put({ 'setuptools_git/__init__.py': '' });
      expect((await ask(python, question)).incomplete).toEqual([]);
    });

    it('a top-level name exists as name.py, a directory (namespace) or an extension name*.so', async () => {
      await put({ 'multi-1.0.egg-info/top_level.txt': 'one\ntwo\nthree\n', 'one.py': '', 'two/x': '' });
      expect((await ask(python, { dists: ['multi'] })).incomplete).toEqual(['multi-1.0.egg-info: three']);
      await put({ 'three.cpython-311-x86_64-linux-gnu.so': '' });
      expect((await ask(python, { dists: ['multi'] })).incomplete).toEqual([]);
    });

    it('a young dist-info without RECORD while pip-style staging files arrive is in progress', async () => {
      await put({
        'pbr-5.0.dist-info/METADATA': 'Name: pbr\n',
        'pbr-5.0.dist-info/top_level.txt': 'pbr\n',
        'pbr.py': '',
      });
      expect((await ask(python, { dists: ['pbr'] })).incomplete).toEqual([]);
      await put({ '~br-5.0/x': '' });
      expect((await ask(python, { dists: ['pbr'] })).incomplete).toEqual(['pbr-5.0.dist-info: RECORD']);
    });

    it('with no installer at work, a distribution unchanged for the settle time is not in progress, whatever it lacks', async () => {
      await put({ 'odd-1.0.egg-info/top_level.txt': 'not_importable\n' });
      expect((await ask(python, { dists: ['odd'] })).incomplete).toEqual([
        'odd-1.0.egg-info: not_importable',
      ]);
      // A crashed install a few seconds old is a broken install, not one to wait for stale-after.
      expect((await ask(python, { dists: ['odd'] }, { PLUGIN_SETTLE_SETTLE_MS: '0' })).incomplete).toEqual(
        [],
      );
    });

    it('merges in progress: a live merge marker, a young ownerless one, a fresh Portage -MERGING- dir', async () => {
      expect((await ask(python, {})).merges).toEqual([]);
      const marker = join(root, '.plugin-settle-merge');
      await mkdir(marker);
      expect((await ask(python, {})).merges).toEqual([marker]);
      const owner = (pid: number) =>
        JSON.stringify({ pid, host: process.env.HOSTNAME ?? '', started: '', tool: 't' });
      const { hostname } = await import('node:os');
      await writeFile(
        join(marker, 'owner.json'),
        owner(process.pid).replace(/"host":"[^"]*"/, `"host":"${hostname()}"`),
      );
      expect((await ask(python, {})).merges).toEqual([marker]);
      const dead = execa('true');
      await dead;
      await writeFile(
        join(marker, 'owner.json'),
        owner(dead.pid!).replace(/"host":"[^"]*"/, `"host":"${hostname()}"`),
      );
      expect((await ask(python, {})).merges).toEqual([]);

      // Another host's merge (a shared site-packages): its pid means nothing here, so age decides.
      await writeFile(
        join(marker, 'owner.json'),
        owner(1).replace(/"host":"[^"]*"/, '"host":"elsewhere.invalid"'),
      );
      expect((await ask(python, {})).merges).toEqual([marker]);
      expect((await ask(python, {}, { PLUGIN_SETTLE_STALE_AFTER_MS: '0' })).merges).toEqual([]);
      // Its mtime is the heartbeat: ten minutes without one is stale, though the ctime is fresh.
      const tenMinutesAgo = (Date.now() - 600_000) / 1000;
      await utimes(marker, tenMinutesAgo, tenMinutesAgo);
      expect((await ask(python, {})).merges).toEqual([]);
      await rm(marker, { recursive: true });

      const merging = join(vdb, 'dev-python', '-MERGING-pbr-5.0');
      await mkdir(merging, { recursive: true });
      expect((await ask(python, {})).merges).toEqual([merging]);
      expect((await ask(python, {}, { PLUGIN_SETTLE_STALE_AFTER_MS: '0' })).merges).toEqual([]);
    });
  },
);
