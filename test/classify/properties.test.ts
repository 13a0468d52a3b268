import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Category, classify } from '../../src/classify/index.js';
import { loadCorpus } from './corpus.js';

const CATEGORIES: Category[] = [
  'missing-module',
  'missing-name',
  'truncated-source',
  'corrupt-bytecode',
  'missing-metadata',
  'bad-entry-points',
  'unrelated',
];

// Real failures of every category from the corpus, as the text the properties disturb.
const BASES = [
  'gentoo/gentoo-663324-pbr',
  'py3.11.7/missing-module',
  'py2.7.18/half-module',
  'py3.13.0/truncated-py',
  'py3.6.15/no-metadata-file-finders',
  'py3.9.18/zeroed-pyc',
  'py3.8.18/empty-module',
  'py3.12.1/truncated-entry-points-value',
  'py3.11.7/negative-setup-syntax-error',
];
const corpus = new Map(loadCorpus().map((fixture) => [fixture.name, fixture]));
const bases = BASES.filter((name) => corpus.has(name)).map((name) => ({
  name,
  text: Buffer.from(corpus.get(name)!.log).toString('utf8'),
}));

// Build chatter: nothing that looks like a frame, an exception line or a distutils `error:`.
const noiseLine = fc.oneof(
  fc.constantFrom(
    'running egg_info',
    'writing demo_project.egg-info/PKG-INFO',
    "warning: no files found matching '*.txt'",
    'copying demo_project.py -> build/lib',
    '[ 42%] Building C object',
    'gcc -pthread -fPIC -c demo.c -o build/demo.o',
    '',
  ),
  fc.stringMatching(/^[a-z0-9 ./%()=-]{0,60}$/),
);
const noise = fc
  .array(noiseLine, { maxLength: 30 })
  .map((lines) => lines.map((line) => `${line}\n`).join(''));
const sgr = fc.constantFrom(
  '\x1b[0m',
  '\x1b[31m',
  '\x1b[1;35m',
  '\x1b[38;5;196m',
  '\x1b[K',
  '\x1b]8;;http://x\x07',
);

function withAnsi(text: string, positions: number[], codes: string[]): string {
  const cuts = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  let out = '';
  let from = 0;
  cuts.forEach((cut, i) => {
    out += text.slice(from, cut) + codes[i % codes.length];
    from = cut;
  });
  return out + text.slice(from);
}

function pipWrapped(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return [
    '  × Preparing metadata (pyproject.toml) did not run successfully.',
    '  │ exit code: 1',
    `  ╰─> [${lines.length} lines of output]`,
    ...lines.map((line) => `      ${line}`),
    '      [end of output]',
    '  ',
    '  note: This error originates from a subprocess, and is likely not a problem with pip.',
    'error: metadata-generation-failed',
    '',
  ].join('\n');
}

describe.skipIf(bases.length === 0)('classification is stable under what real logs do to a traceback', () => {
  const base = fc.constantFrom(...bases);

  it('random build chatter before the traceback changes nothing', () => {
    fc.assert(
      fc.property(base, noise, ({ text }, before) => {
        expect(classify(before + text)).toEqual(classify(text));
      }),
    );
  });

  it('ANSI colour codes anywhere change nothing', () => {
    fc.assert(
      fc.property(
        base,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(sgr, { minLength: 1, maxLength: 5 }),
        ({ text }, at, codes) => {
          expect(classify(withAnsi(text, at, codes))).toEqual(classify(text));
        },
      ),
    );
  });

  it("pip's 6-space [N lines of output] wrapping changes nothing", () => {
    fc.assert(
      fc.property(base, noise, ({ text }, before) => {
        expect(classify(before + pipWrapped(text))).toEqual(classify(text));
      }),
    );
  });

  it('\\r\\n line ends and bytes that are not UTF-8 in the chatter change nothing', () => {
    fc.assert(
      fc.property(base, noise, fc.uint8Array({ maxLength: 20 }), ({ text }, before, junk) => {
        const bytes = Buffer.concat([
          Buffer.from(before),
          Buffer.from(junk.map((b) => b | 0x80)),
          Buffer.from('\n'),
          Buffer.from(text.replaceAll('\n', '\r\n')),
        ]);
        expect(classify(bytes)).toEqual(classify(text));
      }),
    );
  });

  it('a log cut anywhere before the final traceback classifies the same', () => {
    fc.assert(
      fc.property(base, fc.nat(), ({ text }, at) => {
        const header = text.lastIndexOf('Traceback (most recent call last):');
        const cut = header > 0 ? at % header : 0;
        expect(classify(text.slice(cut))).toEqual(classify(text));
      }),
    );
  });
});

describe('random input never throws and always gets a category', () => {
  const fragment = fc.constantFrom(
    'Traceback (most recent call last):\n',
    '  File "/usr/lib/python3.11/site-packages/x.py", line 1, in load\n',
    '  File "setup.py", line 3\n',
    '    ep.load()\n',
    "ModuleNotFoundError: No module named 'pbr'\n",
    'SyntaxError: invalid syntax\n',
    'The above exception was the direct cause of the following exception:\n',
    '  ╰─> [3 lines of output]\n',
    '      [end of output]\n',
    'error: command failed\n',
    '\x1b[31m',
    '\r',
    '      ',
  );
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.array(fc.oneof(fragment, fc.string()), { maxLength: 40 }).map((parts) => parts.join('')),
  );

  it('for text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(CATEGORIES).toContain(classify(text).category);
      }),
      { numRuns: 500 },
    );
  });

  it('for bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(CATEGORIES).toContain(classify(bytes).category);
      }),
      { numRuns: 300 },
    );
  });
});
