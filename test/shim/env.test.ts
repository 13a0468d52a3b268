import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, shimEnvLines } from '../../src/shim/env.js';
import { shimLayout } from '../../src/shim/layout.js';

describe('shellQuote', () => {
  it.each(['plain', 'a b', "it's", 'say "hi"', 'two\nlines', '$HOME `id` \\', ''])(
    'survives a shell: %j',
    (value) => {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
    },
  );
});

describe('shimEnvLines', () => {
  const layout = shimLayout('/opt/plugin settle');

  it('puts the PATH shims and the in-process shim first, keeping what was there', () => {
    expect(shimEnvLines(layout)).toEqual([
      `export PATH='/opt/plugin settle/bin'"\${PATH:+:$PATH}"`,
      `export PYTHONPATH='/opt/plugin settle/python'"\${PYTHONPATH:+:$PYTHONPATH}"`,
    ]);
  });

  it('adds no stray colon when PYTHONPATH was empty, and turns the shim on only when asked', () => {
    const lines = shimEnvLines(layout, { inProcess: true });
    const out = execFileSync(
      'sh',
      [
        '-c',
        `unset PYTHONPATH; ${lines.join('; ')}; printf '%s|%s' "$PYTHONPATH" "$PLUGIN_SETTLE_INPROCESS"`,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toBe('/opt/plugin settle/python|1');
  });
});

describe('shimLayout', () => {
  it('names the parts of a shims directory', () => {
    expect(shimLayout('/x')).toEqual({
      dir: '/x',
      bin: '/x/bin',
      python: '/x/python',
      bashrc: '/x/portage/bashrc',
    });
  });
});
