// How long classifying a 50 MB build log takes. Only the tail is parsed, so the 50 MB case must cost about
// what the tail alone costs; both are measured in the same run and printed with their ratio.
//   node bench/classify.js            (the CLI rows need `npm run build` first)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CLI, median, timeOnce } from './lib.js';

const RUNS = 21;
const SIZE = 50 * 1024 * 1024;
const tmp = fileURLToPath(new URL('../.bench-tmp/classify/', import.meta.url));
mkdirSync(tmp, { recursive: true });

// Bundle the classifier straight from src so the numbers never come from a stale dist.
await build({
  entryPoints: [fileURLToPath(new URL('../src/classify/index.ts', import.meta.url))],
  outfile: `${tmp}classify.mjs`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { classify, TAIL_LIMIT } = await import(`${tmp}classify.mjs`);

const fixture = fileURLToPath(
  new URL('../test/fixtures/classify/py3.11.7/missing-module.pip-wheel.log', import.meta.url),
);
const traceback = existsSync(fixture)
  ? readFileSync(fixture)
  : Buffer.from(
      'Traceback (most recent call last):\n  File "x.py", line 1, in f\nModuleNotFoundError: No module named \'pbr\'\n',
    );
const chatter = Buffer.from(
  'gcc -pthread -fPIC -O2 -c src/module.c -o build/temp/module.o   [ 42%] building\n',
);
const log = Buffer.alloc(SIZE);
for (let at = 0; at < SIZE - traceback.length; at += chatter.length) chatter.copy(log, at);
traceback.copy(log, SIZE - traceback.length);
const text = log.toString('utf8');
const tail = log.subarray(SIZE - TAIL_LIMIT);

function timeIt(fn) {
  fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const expected = classify(tail).category;
for (const input of [log, text])
  if (classify(input).category !== expected) throw new Error('the 50 MB log classified differently');

const rows = {
  'classify(50 MB Uint8Array)': timeIt(() => classify(log)),
  'classify(50 MB string)': timeIt(() => classify(text)),
  'classify(256 KiB tail)': timeIt(() => classify(tail)),
};
console.log(`category: ${expected}; median of ${RUNS} runs`);
for (const [name, ms] of Object.entries(rows))
  console.log(`${name.padEnd(34)} ${ms.toFixed(2).padStart(9)} ms`);
console.log(
  `ratio 50 MB bytes / tail: ${(rows['classify(50 MB Uint8Array)'] / rows['classify(256 KiB tail)']).toFixed(2)}`,
);

if (existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)))) {
  writeFileSync(`${tmp}big.log`, log);
  writeFileSync(`${tmp}small.log`, traceback);
  const big = [];
  const small = [];
  for (let i = 0; i < 11; i++) {
    big.push(timeOnce([process.execPath, CLI, 'diagnose', `${tmp}big.log`]));
    small.push(timeOnce([process.execPath, CLI, 'diagnose', `${tmp}small.log`]));
  }
  console.log(`${'plugin-settle diagnose (50 MB file)'.padEnd(34)} ${median(big).toFixed(2).padStart(9)} ms`);
  console.log(
    `${'plugin-settle diagnose (small file)'.padEnd(34)} ${median(small).toFixed(2).padStart(9)} ms`,
  );
  console.log(`ratio: ${(median(big) / median(small)).toFixed(2)}`);
} else {
  console.log('plugin-settle diagnose rows skipped: run `npm run build` first');
}
rmSync(tmp, { recursive: true, force: true });
