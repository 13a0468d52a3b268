import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import {
  atLeast,
  findInterpreters,
  makeVenv,
  readJsonLines,
  tempDirs,
  waitForShimEvent,
} from '../support/index.js';
import { plainEnv, shimEnv } from './shim-env.js';

// pkg_resources' load() requires the plugin's dependencies first: when the plugin is merged before its
// dependency, the load dies with DistributionNotFound. The shim waits for the dependency, adds it to
// pkg_resources.working_set (which never rescans by itself) and loads again.
const { found } = await findInterpreters();
const pythons = found.filter((i) => atLeast(i.version, '3.6'));
const edges = [...new Set([pythons[0], pythons.at(-1)])].filter((p) => p !== undefined);
const temp = tempDirs();
afterAll(() => temp.cleanup());

const LOAD = `import pkg_resources
entry_point = next(pkg_resources.iter_entry_points('distutils.commands', 'hello'))
print(entry_point.load().__name__)
`;

async function put(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

describe.each(edges.map((p) => [p.version, p.python] as const))(
  'Python %s, pkg_resources',
  (_version, python) => {
    it('heals DistributionNotFound for a dependency merged after the plugin', async () => {
      const venv = await makeVenv(python, await temp.make('venv'));
      await put(venv.sitePackages, {
        'cmdplug/__init__.py': 'class Hello(object):\n    pass\n',
        'cmdplug-1.0.dist-info/METADATA':
          'Metadata-Version: 2.1\nName: cmdplug\nVersion: 1.0\nRequires-Dist: latedep\n',
        'cmdplug-1.0.dist-info/entry_points.txt': '[distutils.commands]\nhello = cmdplug:Hello\n',
      });
      const unprotected = await execa(venv.python, ['-c', LOAD], { env: plainEnv, reject: false });
      expect(unprotected.stderr).toMatch(/DistributionNotFound: The 'latedep' distribution was not found/);

      const events = join(await temp.make('events'), 'events.jsonl');
      const load = execa(venv.python, ['-c', LOAD], {
        env: shimEnv([venv.sitePackages], events),
        reject: false,
      });
      await waitForShimEvent(events, 'waiting');
      await put(venv.sitePackages, {
        'latedep.py': '',
        'latedep-1.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: latedep\nVersion: 1.0\n',
      });
      const result = await load;
      expect(result.stdout).toBe('Hello');
      expect(result.exitCode).toBe(0);
      expect((await readJsonLines(events)).map((e) => e.event)).toEqual(['waiting', 'healed']);
    });
  },
);
