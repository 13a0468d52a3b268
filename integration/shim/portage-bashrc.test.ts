import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../support/index.js';

// shims/portage/bashrc as Portage sources it: per phase, with EBUILD_PHASE and INHERITED set, and with
// python-r1's own wrapper directory in front of PATH (which is why the hook also defines functions).
const BASHRC = fileURLToPath(new URL('../../shims/portage/bashrc', import.meta.url));
const temp = tempDirs();
afterAll(() => temp.cleanup());

async function phase(ebuildPhase: string, inherited: string, command: string) {
  const dir = await temp.make('portage');
  const calls = join(dir, 'calls');
  const fakeCli = join(dir, 'plugin-settle');
  await writeFile(fakeCli, `#!/bin/sh\necho "wrapped: $*" >> '${calls}'\n`);
  await chmod(fakeCli, 0o755);
  const script = `mkdir -p "$T/python3.11/bin" && ln -sf "$(type -P python3)" "$T/python3.11/bin/python3.11"
EBUILD_PHASE=${ebuildPhase}; INHERITED='${inherited}'; source '${BASHRC}'
PATH="$T/python3.11/bin:$PATH"   # python_wrapper_setup, inside the phase
${command}
cat '${calls}' 2>/dev/null || true`;
  // FEATURES=test: Portage runs src_test (and the hook wraps it) only then.
  return execa('bash', ['-c', script], {
    env: { T: dir, PLUGIN_SETTLE_CLI: fakeCli, FEATURES: 'test' },
    reject: false,
  });
}

describe('Portage bashrc hook', () => {
  it.each(['compile', 'test', 'install'])(
    'wraps the build in src_%s of a distutils-r1 package',
    async (name) => {
      const result = await phase(
        name,
        'python-utils-r1 distutils-r1',
        'python3.11 -m gpep517 build-wheel --x "a b"',
      );
      expect(result.stdout).toMatch(
        /^wrapped: run --python \S+\/python3\.11\/bin\/python3\.11 -- \S+python3\.11 -m gpep517 build-wheel --x a b$/m,
      );
    },
  );

  it('runs anything that is not a build unwrapped', async () => {
    const result = await phase('compile', 'distutils-r1', "python3.11 -c 'print(40 + 2)'");
    expect(result.stdout).toBe('42');
  });

  it.each([
    ['unpack', 'distutils-r1'],
    ['compile', 'cmake toolchain-funcs'],
  ])('leaves phase %s of a package inheriting "%s" alone', async (name, inherited) => {
    const result = await phase(name, inherited, 'python3.11 setup.py build; type -t python3.11');
    expect(result.stdout).not.toMatch(/wrapped/);
    expect(result.stdout).toMatch(/^file$/m);
  });
});
