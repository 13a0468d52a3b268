import { vol } from 'memfs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { findConfig } from '../../src/config/find.js';

vi.mock('node:fs', async () => {
  const { fs } = await import('memfs');
  return { ...fs, default: fs };
});

beforeEach(() => vol.reset());

describe('findConfig: the nearest config file from cwd up to the repository root', () => {
  it('finds a file in a parent directory', () => {
    vol.fromJSON({ '/repo/.git/HEAD': '', '/repo/plugin-settle.config.json': '{}', '/repo/a/b/x': '' });
    expect(findConfig('/repo/a/b', {})?.file).toBe('/repo/plugin-settle.config.json');
  });

  it('prefers the nearest directory, and in one directory the order plugin-settle.config.json, rc, package.json', () => {
    vol.fromJSON({
      '/repo/.git/HEAD': '',
      '/repo/plugin-settle.config.json': '{}',
      '/repo/a/.plugin-settlerc.json': '{"retries": 1}',
      '/repo/a/package.json': '{"plugin-settle": {}}',
    });
    expect(findConfig('/repo/a', {})?.file).toBe('/repo/a/.plugin-settlerc.json');
    vol.fromJSON({ '/repo/a/plugin-settle.config.json': '{}' });
    expect(findConfig('/repo/a', {})?.file).toBe('/repo/a/plugin-settle.config.json');
  });

  it('stops at the directory holding .git', () => {
    vol.fromJSON({ '/plugin-settle.config.json': '{}', '/repo/.git': '', '/repo/src/x': '' });
    expect(findConfig('/repo/src', {})).toBeNull();
  });

  it('goes up to the file-system root outside a repository', () => {
    vol.fromJSON({ '/plugin-settle.config.json': '{}', '/home/u/proj/x': '' });
    expect(findConfig('/home/u/proj', {})?.file).toBe('/plugin-settle.config.json');
  });

  it('skips a package.json without our key, even one that depends on us', () => {
    vol.fromJSON({
      '/repo/.git/HEAD': '',
      '/repo/.plugin-settlerc.json': '{}',
      '/repo/app/package.json': '{"devDependencies": {"plugin-settle": "0.1.0"}}',
    });
    expect(findConfig('/repo/app', {})?.file).toBe('/repo/.plugin-settlerc.json');
    vol.fromJSON({ '/repo/app/package.json': '{"name": "app", "plugin-settle": {"retries": 1}}' });
    expect(findConfig('/repo/app', {})?.file).toBe('/repo/app/package.json');
  });

  it('ignores a directory of that name', () => {
    vol.fromJSON({ '/repo/.git/HEAD': '', '/repo/plugin-settle.config.json/x': '' });
    expect(findConfig('/repo', {})).toBeNull();
  });

  it('PLUGIN_SETTLE_CONFIG names the file outright, and a missing one is an error naming the variable', () => {
    vol.fromJSON({ '/etc/ps.json': '{}', '/repo/.git/HEAD': '', '/repo/plugin-settle.config.json': '{}' });
    expect(findConfig('/repo', { PLUGIN_SETTLE_CONFIG: '/etc/ps.json' })?.file).toBe('/etc/ps.json');
    expect(() => findConfig('/repo', { PLUGIN_SETTLE_CONFIG: '/etc/none.json' })).toThrow(
      /none\.json: cannot read the config file \(ENOENT\); PLUGIN_SETTLE_CONFIG points to it/,
    );
  });
});
