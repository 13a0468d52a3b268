import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from './helpers.js';

const cli = join(import.meta.dirname, '../../bin/plugin-settle.js');

beforeAll(() => {
  if (!existsSync(join(import.meta.dirname, '../../dist/cli.js')))
    execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
}, 120_000);

function status(args: string[]) {
  const env = { ...process.env, XDG_CACHE_HOME: tempDir('ps-cache-'), FORCE_COLOR: '0' };
  return spawnSync(process.execPath, [cli, 'status', ...args], { encoding: 'utf8', env });
}

describe('plugin-settle status', () => {
  test('--json prints one object with roots, merges, recent changes and incomplete distributions', () => {
    const root = join(tempDir(), 'site-packages');
    mkdirSync(join(root, '.plugin-settle-merge'), { recursive: true });
    writeFileSync(
      join(root, '.plugin-settle-merge/owner.json'),
      JSON.stringify({ pid: process.pid, host: hostname() }),
    );
    mkdirSync(join(root, 'pbr-6.0.0.egg-info'));
    writeFileSync(join(root, 'pbr-6.0.0.egg-info/top_level.txt'), 'pbr\n');
    writeFileSync(join(root, 'pbr.dpkg-new'), '');
    const result = status(['--python', process.execPath, '--watch', root, '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(result.stdout);
    expect(report.roots).toEqual([root]);
    expect(report.merges).toEqual(
      expect.arrayContaining([
        { kind: 'plugin-settle', path: join(root, '.plugin-settle-merge'), pid: process.pid, stale: false },
        { kind: 'dpkg', path: join(root, 'pbr.dpkg-new'), pid: null, stale: false },
      ]),
    );
    expect(report.recentChanges).toEqual(
      expect.arrayContaining([
        { path: join(root, 'pbr-6.0.0.egg-info'), kind: 'mtime', time: expect.any(Number) },
      ]),
    );
    expect(report.incomplete).toEqual([
      { distribution: 'pbr', metadata: join(root, 'pbr-6.0.0.egg-info'), missing: ['pbr'], stale: false },
    ]);
    // The "interpreter" was node: its failure to answer is a warning on stderr, not the end.
    expect(result.stderr).toMatch(/^plugin-settle: warning: cannot ask .* for its site-packages/m);
  });

  test('discovers the roots of a real interpreter', (context) => {
    const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', '0']).status === 0);
    if (!python) context.skip('no python3 on this machine');
    const result = status(['--python', python!, '--json', '--since', '1000']);
    expect(result.status, result.stderr).toBe(0);
    const expected = execFileSync(python!, [
      '-c',
      'import sysconfig; print(sysconfig.get_paths()["purelib"])',
    ])
      .toString()
      .trim();
    const report = JSON.parse(result.stdout);
    if (existsSync(expected)) expect(report.roots).toContain(expected);
    expect(report.roots.length).toBeGreaterThan(0);
  });

  test('human output names each part', () => {
    const root = tempDir();
    const result = status(['--python', '/nonexistent/python', '--watch', root]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`roots:\n  ${root}\nmerges in progress: none\n`);
    expect(result.stderr).toContain('cannot find the interpreter /nonexistent/python');
  });

  test('bad input is one clear line and exit 125', () => {
    const bad = status(['--since', 'soon', '--watch', tempDir()]);
    expect(bad.status).toBe(125);
    expect(bad.stderr).toBe(
      "plugin-settle: option '--since <ms>' argument 'soon' is invalid. expected a duration in ms (e.g. 750, 750ms or 2s), got 'soon' (see --help)\n",
    );
    const none = status(['--python', '/nonexistent/python']);
    expect(none.status).toBe(125);
    expect(none.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^plugin-settle: no roots to look at: cannot find the interpreter/),
    ]);
  });
});
