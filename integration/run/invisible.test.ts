import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, waitFor } from '../cli.js';
import { tempDirs } from '../support/index.js';

// The wrapper as invisible as timeout(1): the build writes to our own stdout and stderr, so it keeps
// its terminal, its SIGPIPE, its write errors and the kernel's ordering, and we return when it exits.
const temp = tempDirs();
afterAll(() => temp.cleanup());
const node = process.execPath;
const bash = (script: string, env: NodeJS.ProcessEnv = {}) =>
  execa('bash', ['-c', script], { reject: false, env: { ...env, CLI, NODE: node } });

describe('run: the build keeps its pipes, its terminal and its errors', () => {
  it('`run -- yes | head -1` ends with SIGPIPE (141) at once, as bare', async () => {
    const started = Date.now();
    const result = await bash('"$NODE" "$CLI" run -- yes | head -1; echo "status $PIPESTATUS"');
    expect(result.stdout).toBe('y\nstatus 141');
    // A hang catcher: without the pipe's SIGPIPE reaching `yes` this never ends.
    expect(Date.now() - started).toBeLessThan(2000 + 1500);
  });

  it('`seq 1 10000000 | head -1` is stopped by SIGPIPE, not drained to its end', async () => {
    const bare = await bash('seq 1 10000000 | head -1; echo "status $PIPESTATUS"');
    const wrapped = await bash('"$NODE" "$CLI" run -- seq 1 10000000 | head -1; echo "status $PIPESTATUS"');
    expect(bare.stdout).toBe('1\nstatus 141');
    expect(wrapped.stdout).toBe(bare.stdout);
  });

  it('a write error is the build’s to see: `echo hi > /dev/full` fails wrapped as bare', async () => {
    const bare = await bash('sh -c "echo hi" > /dev/full; echo "status $?"');
    const wrapped = await bash('"$NODE" "$CLI" run -- sh -c "echo hi" > /dev/full; echo "status $?"');
    expect(bare.stdout).not.toBe('status 0');
    expect(wrapped.stdout).toBe(bare.stdout);
  });

  it('returns when the build exits, whatever a daemon it started still holds', async () => {
    const dir = await temp.make('daemon');
    const pidFile = join(dir, 'daemon.pid');
    const started = Date.now();
    const wrapper = spawn(
      node,
      [CLI, 'run', '--', 'sh', '-c', `sleep 20 & echo $! > ${pidFile}; echo started`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    wrapper.stdout.on('data', (chunk) => (stdout += chunk));
    // 'exit', not 'close': the daemon still holds the pipe we gave as stdout, as it would bare.
    const code = await new Promise((resolve) => wrapper.once('exit', resolve));
    const elapsed = Date.now() - started;
    const daemon = Number(await readFile(pidFile, 'utf8'));
    try {
      expect(code).toBe(0);
      expect(elapsed).toBeLessThan(2000 + 1500);
      await waitFor('the build’s own line', () => (stdout === 'started\n' ? true : undefined), 5000);
      // The daemon lives on, as it would unwrapped: we are not its keeper once the build is over.
      expect(() => process.kill(daemon, 0)).not.toThrow();
    } finally {
      process.kill(daemon, 'SIGTERM');
      wrapper.stdout.destroy();
      wrapper.stderr.destroy();
    }
  });

  it('under a terminal (script -qc) the build sees a TTY on stdin, stdout and stderr', async () => {
    const check = 'import sys; print([f.isatty() for f in (sys.stdin, sys.stdout, sys.stderr)])';
    const result = await execa(
      'script',
      ['-qec', `"${node}" "${CLI}" run -- python3 -c "${check}"`, '/dev/null'],
      {
        reject: false,
      },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe('[True, True, True]');
  });

  it('stdout and stderr into one file keep their order byte for byte', async () => {
    const dir = await temp.make('interleave');
    const script = 'for i in $(seq 1 3000); do echo "out $i"; echo "err $i" >&2; done';
    await bash(`sh -c '${script}' > "${dir}/bare.log" 2>&1`);
    const wrapped = await bash(`"$NODE" "$CLI" run -- sh -c '${script}' > "${dir}/wrapped.log" 2>&1`);
    expect(wrapped.exitCode).toBe(0);
    const bare = await readFile(join(dir, 'bare.log'));
    expect(bare.toString().split('\n')[1]).toBe('err 1');
    expect((await readFile(join(dir, 'wrapped.log'))).equals(bare)).toBe(true);
  });

  // The build shares our descriptors: if Node made them non-blocking (it does on first use of a pipe),
  // the build would see EAGAIN where it should block. A slow reader and a slow writer prove it does not.
  it('a slow reader of stdout or stderr makes the build wait, not fail with EAGAIN', async () => {
    const dir = await temp.make('slow');
    await writeFile(join(dir, 'big.bin'), Buffer.alloc(4 << 20, 7));
    const out = await bash(
      `"$NODE" "$CLI" run -- cat "${dir}/big.bin" | (sleep 1; wc -c); echo "status $PIPESTATUS"`,
    );
    expect(out.stdout.trim().split(/\s+/)).toEqual([String(4 << 20), 'status', '0']);
    const err = await bash(
      `"$NODE" "$CLI" run -- sh -c 'cat "${dir}/big.bin" >&2' 2>&1 >/dev/null | (sleep 1; wc -c); echo "status $PIPESTATUS"`,
    );
    expect(err.stdout.trim().split(/\s+/)).toEqual([String(4 << 20), 'status', '0']);
  });

  it('a slow writer to stdin makes the build wait for input, not fail with EAGAIN', async () => {
    const result = await bash('(sleep 1; echo late-input) | "$NODE" "$CLI" run -- sh -c "sleep 0.3; cat"');
    expect(result).toMatchObject({ exitCode: 0, stdout: 'late-input' });
  });

  it('without the shim stderr is piped for the tail, and a closed reader still reaches the build', async () => {
    const result = await bash(
      '"$NODE" "$CLI" run --no-inprocess -- sh -c "seq 1 10000000 >&2" 2>&1 >/dev/null | head -1; echo "status $PIPESTATUS"',
    );
    expect(result.stdout).toBe('1\nstatus 141');
  });
});

describe('run: --report that cannot be written', () => {
  it('warns before the build runs and exits with the build’s own status', async () => {
    const result = await runCli([
      'run',
      '--report',
      '/nonexistent/dir/r.json',
      '--',
      'sh',
      '-c',
      'echo build-ran >&2; exit 3',
    ]);
    expect(result.code).toBe(3);
    const lines = result.stderr.trim().split('\n');
    const warning = lines.findIndex((line) =>
      /warning: cannot write the report to \/nonexistent\/dir\/r.json/.test(line),
    );
    expect(warning).toBeGreaterThanOrEqual(0);
    expect(warning).toBeLessThan(lines.indexOf('build-ran'));
    // …and once more when it cannot be written at the end: the last line of the run.
    expect(lines.at(-1)).toMatch(
      /^plugin-settle: cannot write the report to .*the build's exit status is returned$/,
    );
  });

  it('in GitHub Actions the failed write is an ::error too', async () => {
    const result = await runCli(['run', '--report', '/nonexistent/dir/r.json', '--', 'sh', '-c', 'exit 4'], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '' },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^::error title=plugin-settle::cannot write the report to \/nonexistent\/dir\/r.json/m,
    );
  });
});
