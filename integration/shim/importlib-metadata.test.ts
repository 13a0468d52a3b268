import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import {
  atLeast,
  findInterpreters,
  makePluginImage,
  makeVenv,
  readJsonLines,
  startSteppedInstaller,
  tempDirs,
  waitForShimEvent,
} from '../support/index.js';
import { plainEnv, shimEnv } from './shim-env.js';

// importlib.metadata's EntryPoint.load is what setuptools ≥ 61, pluggy, flake8 and pdm use; it needs no
// setuptools, so this covers the interpreters the build tests skip (3.12 and 3.13 ship none).
const { found, skipped } = await findInterpreters();
const noSetuptools = skipped.filter((s) => /has no setuptools/.test(s.reason));
const pythons = [
  ...found.map((i) => ({ python: i.python, version: i.version })),
  ...noSetuptools.map((s) => ({ python: s.python, version: /Python (\S+)/.exec(s.reason)?.[1] ?? '0' })),
].filter((p) => atLeast(p.version, '3.8'));
const temp = tempDirs();
afterAll(() => temp.cleanup());

const LOAD = `import sys
from importlib.metadata import entry_points
group = 'egg_info.writers'
found = entry_points(group=group) if sys.version_info >= (3, 10) else entry_points()[group]
print([ep.load().__name__ for ep in found if ep.name == 'metaplug.txt'])
`;

describe.each(pythons.map((p) => [p.version, p.python] as const))(
  'Python %s, importlib.metadata',
  (_version, python) => {
    it('heals an entry point whose module arrives after its metadata', async () => {
      const venv = await makeVenv(python, await temp.make('venv'));
      const image = await makePluginImage(await temp.make('image'), {
        name: 'metaplug',
        layout: 'dist-info',
      });
      const installer = startSteppedInstaller(image.dir, venv.sitePackages);
      await installer.step('metadata');
      const unprotected = await execa(venv.python, ['-c', LOAD], { env: plainEnv, reject: false });
      expect(unprotected.stderr).toMatch(/No module named 'metaplug'/);

      const events = join(await temp.make('events'), 'events.jsonl');
      const load = execa(venv.python, ['-c', LOAD], {
        env: shimEnv([venv.sitePackages], events),
        reject: false,
      });
      await waitForShimEvent(events, 'waiting');
      await installer.step('code', 'finish');
      await installer.close();
      const result = await load;
      expect(result.stdout).toBe("['write']");
      expect((await readJsonLines(events)).map((e) => e.event)).toEqual(['waiting', 'healed']);
    });
  },
);
