import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assertValidReport } from '../report/validate.js';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeProject,
  makeVenv,
  startSteppedInstaller,
  tempDirs,
  waitFor,
} from '../support/index.js';
import {
  bashrcChanges,
  launcherFor,
  phase,
  prepareBuild,
  savedFunctions,
  uninstall,
  unmergeT,
} from './lifecycle.js';

// shims/portage/bashrc under ebuild-sim.sh, Portage's phase rules rebuilt from its source; the hook
// of commit b0a2a0d (fixtures/bashrc-b0a2a0d) must fail the same harness the current one passes.
const NEW_HOOK = fileURLToPath(new URL('../../shims/portage/bashrc', import.meta.url));
const OLD_HOOK = fileURLToPath(new URL('./fixtures/bashrc-b0a2a0d', import.meta.url));
const { found } = await findInterpreters();
const python = found.filter((i) => atLeast(i.version, '3.6')).at(-1);
const temp = tempDirs();
afterAll(() => temp.cleanup());

/** The whole life of the package; what each phase did, and what was saved. */
async function life(hook: string, bashrc?: (lib: string) => string) {
  const dir = await temp.make('portage');
  const build = await prepareBuild(dir, hook, {
    python: python?.python ?? 'python3',
    ...(bashrc ? { bashrc: bashrc(join(dir, 'lib')) } : {}),
  });
  const results: Record<string, Awaited<ReturnType<typeof phase>>> = {};
  for (const name of ['depend', 'setup', 'compile', 'install']) results[name] = await phase(build, name);
  const environment = await readFile(join(build.T, 'environment'), 'utf8');
  const vdb = await readFile(build.vdbEnv, 'utf8').catch(() => '');
  await uninstall(build);
  results.postinst = await phase(build, 'postinst');
  results.postrm = await phase(build, 'postrm', { T: await unmergeT(build) });
  return { build, results, environment, vdb };
}

describe.skipIf(!python)('the Portage hook under Portage 3.0.82 rules', () => {
  it('the earlier hook (b0a2a0d) fails the harness: externals in depend, functions alive in pkg_postinst/pkg_postrm', async () => {
    const { results, vdb } = await life(OLD_HOOK);
    expect(results.depend?.exitCode).toBe(1);
    expect(results.depend?.all).toMatch(/External commands disallowed while sourcing ebuild: dirname/);
    expect(savedFunctions(vdb)).toEqual(expect.arrayContaining(['python3', 'python3.11']));
    expect(results.postinst?.exitCode).toBe(1);
    expect(results.postinst?.all).toMatch(/lib\/bin\/python3: No such file or directory/);
    expect(results.postrm?.exitCode).toBe(1);
  });

  it('the current hook passes: nothing in depend or setup, wraps compile, leaves nothing in either saved environment', async () => {
    const { build, results, environment, vdb } = await life(NEW_HOOK);
    for (const name of ['depend', 'setup', 'compile', 'install', 'postinst', 'postrm']) {
      expect(results[name]?.exitCode, `${name}: ${String(results[name]?.all)}`).toBe(0);
    }
    for (const name of ['depend', 'setup'])
      expect(await bashrcChanges(build.T, name)).toEqual({ added: [], removed: [] });
    // In compile, functions only: no variable, no PATH entry, no alias or shell option.
    const compile = await bashrcChanges(build.T, 'compile');
    expect(compile.removed).toEqual([]);
    expect(
      compile.added.every((line) => line.startsWith('declare -f ')),
      compile.added.join('\n'),
    ).toBe(true);
    expect(compile.added).toEqual(
      expect.arrayContaining(['declare -f python3.11', 'declare -f post_src_compile']),
    );
    const reports = (await readdir(build.T)).filter((name) =>
      /^plugin-settle\.compile\..*\.json$/.test(name),
    );
    expect(reports).toHaveLength(1);
    const report = JSON.parse(await readFile(join(build.T, reports[0] ?? ''), 'utf8'));
    assertValidReport(report);
    expect(report.command.slice(1)).toEqual(['setup.py', '-q', 'egg_info']);
    for (const saved of [environment, vdb]) {
      expect(saved).not.toContain(build.lib);
      expect(saved).not.toMatch(/plugin_settle/);
      expect(savedFunctions(saved).filter((name) => /^(python|post_src_)/.test(name))).toEqual([]);
    }
    expect(results.postinst?.stdout).toBe('postinst: python3 works');
    expect(results.postrm?.stdout).toBe('postrm: python3 works');
  });

  it("a user's own post_src_compile, before or after the hook, still runs and is saved as the user wrote it", async () => {
    const mine = `post_src_compile() { echo "mine ran in \${EBUILD_PHASE}" >> "\${T}/mine"; }\n`;
    for (const order of ['before', 'after'] as const) {
      const { build, results, environment } = await life(NEW_HOOK, (lib) => {
        const source = `source '${join(lib, 'portage', 'bashrc')}'\n`;
        return order === 'before' ? mine + source : source + mine;
      });
      expect(results.compile?.exitCode, String(results.compile?.all)).toBe(0);
      expect(await readFile(join(build.T, 'mine'), 'utf8')).toBe('mine ran in compile\n');
      expect(environment).toContain(`post_src_compile () \n{ \n    echo "mine ran in \${EBUILD_PHASE}"`);
      expect(environment).not.toMatch(/plugin_settle/);
      expect(savedFunctions(environment)).not.toContain('python3');
    }
  });

  it('PLUGIN_SETTLE_PORTAGE=0 (package.env) turns it off: compile defines nothing', async () => {
    const dir = await temp.make('portage');
    const build = await prepareBuild(dir, NEW_HOOK, { python: python?.python ?? 'python3' });
    for (const name of ['setup', 'compile']) {
      expect((await phase(build, name, { PLUGIN_SETTLE_PORTAGE: '0' })).exitCode).toBe(0);
    }
    expect(await bashrcChanges(build.T, 'compile')).toEqual({ added: [], removed: [] });
  });

  /** src_compile of a plugin-loading project while a plugin is merged metadata-first; its elog file. */
  async function raceInCompile(env: Record<string, string>, waiting: RegExp) {
    if (!python) throw new Error('no python');
    const venv = await makeVenv(python.python, await temp.make('venv'));
    const dir = await temp.make('portage');
    const build = await prepareBuild(dir, NEW_HOOK, { python: await launcherFor(venv.python, dir) });
    const project = await makeProject(await temp.make('project'));
    const image = await makePluginImage(await temp.make('image'), { name: 'portplug' });
    const installer = startSteppedInstaller(image.dir, venv.sitePackages);
    expect((await phase(build, 'setup')).exitCode).toBe(0);
    await installer.step('metadata');
    const compile = phase(build, 'compile', { S: project.dir, ...env });
    let output = '';
    compile.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(`the build saying ${waiting}`, async () => (waiting.test(output) ? true : undefined));
    await installer.step('code', 'finish');
    await installer.close();
    const result = await compile;
    expect(result.exitCode, String(result.all)).toBe(0);
    expect(await readFile(join(build.T, 'environment'), 'utf8')).not.toMatch(/plugin_settle/);
    return readFile(join(build.T, 'logging', 'compile'), 'utf8');
  }

  it('a merge race in src_compile healed in process is told with elog, which reaches the elog summary', async () => {
    const elog = await raceInCompile({}, /waiting for the merge/);
    expect(elog).toMatch(/^INFO plugin-settle: python builds in src_compile run under plugin-settle/m);
    expect(elog).toMatch(
      /^LOG plugin-settle: `python3\.\d+ setup\.py -q egg_info`: .+ loaded again \d+ ms later, no rebuild$/m,
    );
  });

  it('a build run again after a merge is told with ewarn', async () => {
    const elog = await raceInCompile({ PLUGIN_SETTLE_INPROCESS: '0' }, /plugin-settle: waiting for/);
    expect(elog).toMatch(
      /^WARN plugin-settle: `python3\.\d+ setup\.py -q egg_info` failed: .*portplug.*; run again once the merge was over$/m,
    );
    expect(elog).toMatch(
      /^WARN plugin-settle: `python3\.\d+ setup\.py -q egg_info` succeeded after 2 attempts$/m,
    );
  });
});
