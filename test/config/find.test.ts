import { vol } from 'memfs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { findConfig } from '../../src/config/find.js';

vi.mock('node:fs', async () => {
  const { fs } = await import('memfs');
  return { ...fs, default: fs };
});

beforeEach(() => vol.reset());

describe('findConfig: the nearest config file from cwd up to the repository root', async () => {
  it('finds a file in a parent directory', async () => {
    vol.fromJSON({ '/repo/.git/HEAD': '', '/repo/plugin-settle.config.json': '{}', '/repo/a/b/x': '' });
    expect((await findConfig('/repo/a/b', {}))?.file).toBe('/repo/plugin-settle.config.json');
  });

  it('prefers the nearest directory, and in one directory the order plugin-settle.config.json, rc, package.json', async () => {
    vol.fromJSON({
      '/repo/.git/HEAD': '',
      '/repo/plugin-settle.config.json': '{}',
      '/repo/a/.plugin-settlerc.json': '{"retries": 1}',
      '/repo/a/package.json': '{"plugin-settle": {}}',
    });
    expect((await findConfig('/repo/a', {}))?.file).toBe('/repo/a/.plugin-settlerc.json');
    vol.fromJSON({ '/repo/a/plugin-settle.config.json': '{}' });
    expect((await findConfig('/repo/a', {}))?.file).toBe('/repo/a/plugin-settle.config.json');
  });

  it('stops at the directory holding .git', async () => {
    vol.fromJSON({ '/plugin-settle.config.json': '{}', '/repo/.git': '', '/repo/src/x': '' });
    expect(await findConfig('/repo/src', {})).toBeNull();
  });

  it('goes up to the file-system root outside a repository', async () => {
    vol.fromJSON({ '/plugin-settle.config.json': '{}', '/home/u/proj/x': '' });
    expect((await findConfig('/home/u/proj', {}))?.file).toBe('/plugin-settle.config.json');
  });

  it('skips a package.json without our key, even one that depends on us', async () => {
    vol.fromJSON({
      '/repo/.git/HEAD': '',
      '/repo/.plugin-settlerc.json': '{}',
      '/repo/app/package.json': '{"devDependencies": {"plugin-settle": "0.1.0"}}',
    });
    expect((await findConfig('/repo/app', {}))?.file).toBe('/repo/.plugin-settlerc.json');
    vol.fromJSON({ '/repo/app/package.json': '{"name": "app", "plugin-settle": {"retries": 1}}' });
    expect((await findConfig('/repo/app', {}))?.file).toBe('/repo/app/package.json');
  });

  it('ignores a directory of that name', async () => {
    vol.fromJSON({ '/repo/.git/HEAD': '', '/repo/plugin-settle.config.json/x': '' });
    expect(await findConfig('/repo', {})).toBeNull();
  });

  it('PLUGIN_SETTLE_CONFIG names the file outright, and a missing one is an error naming the variable', async () => {
    vol.fromJSON({ '/etc/ps.json': '{}', '/repo/.git/HEAD': '', '/repo/plugin-settle.config.json': '{}' });
    expect((await findConfig('/repo', { PLUGIN_SETTLE_CONFIG: '/etc/ps.json' }))?.file).toBe('/etc/ps.json');
    await expect(findConfig('/repo', { PLUGIN_SETTLE_CONFIG: '/etc/none.json' })).rejects.toThrow(
      /none\.json: cannot read the config file \(ENOENT\); PLUGIN_SETTLE_CONFIG points to it/,
    );
  });

  it('reads pyproject.toml last in a directory, and only when it has a [tool.plugin-settle] table', async () => {
    vol.fromJSON({
      '/repo/.git/HEAD': '',
      '/repo/.plugin-settlerc.json': '{}',
      '/repo/app/pyproject.toml': '[project]\nname = "app"\ndependencies = ["plugin-settle"]\n',
    });
    expect((await findConfig('/repo/app', {}))?.file).toBe('/repo/.plugin-settlerc.json');
    vol.fromJSON({ '/repo/app/pyproject.toml': '[tool.plugin-settle]\nmax-wait = "2s"\n' });
    expect(await findConfig('/repo/app', {})).toEqual({
      file: '/repo/app/pyproject.toml',
      settings: { 'max-wait': '2s' },
    });
    vol.fromJSON({ '/repo/app/package.json': '{"plugin-settle": {"retries": 1}}' });
    expect((await findConfig('/repo/app', {}))?.file).toBe('/repo/app/package.json');
  });

  it('skips a pyproject.toml that never names us without parsing it, even a broken one', async () => {
    vol.fromJSON({ '/repo/.git/HEAD': '', '/repo/pyproject.toml': '[tool.black\n' });
    expect(await findConfig('/repo', {})).toBeNull();
  });

  it('refuses a config file over 1 MiB with one line naming it', async () => {
    vol.fromJSON({
      '/repo/.git/HEAD': '',
      '/repo/.plugin-settlerc.json': `{"x": "${'a'.repeat(1024 * 1024)}"}`,
    });
    await expect(findConfig('/repo', {})).rejects.toThrow(
      /^\/repo\/\.plugin-settlerc\.json: the config file is 1048585 bytes, over the 1 MiB limit \(/,
    );
  });
});
