// Issue 6, Performance: `plugin-settle merge` of 2,000 files / 50 MB against a durable copy of the
// same tree on the same filesystem (`cp -a` then `sync -f`), and `merge --no-fsync` against a plain
// `cp -a`. Each variant gets a fresh destination (made outside the timing); runs are interleaved so
// load drift hits all alike; medians and ratios come from this one run. `--runs N` (default 7),
// `--dir D` (default: the OS temp dir; pick the filesystem you care about).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, fmt, median, timeOnce } from './lib.js';

const FILES = 2000;
const BYTES = 50 * 1024 * 1024;
const TOP_DIRS = 20;

function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}

// Sizes vary like a real tree (many small modules, a few big extensions), seeded so runs compare.
function makeImage(dir) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const weights = Array.from({ length: FILES }, () => random() ** 3);
  const scale = BYTES / weights.reduce((sum, w) => sum + w, 0);
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = Math.floor(random() * 256);
  for (let n = 0; n < FILES; n++) {
    const sub = join(dir, `pkg${n % TOP_DIRS}`, `sub${n % 7}`);
    mkdirSync(sub, { recursive: true });
    const size = Math.max(1, Math.round(weights[n] * scale));
    const content = Buffer.alloc(size);
    for (let at = 0; at < size; at += block.length)
      block.copy(content, at, 0, Math.min(block.length, size - at));
    writeFileSync(join(sub, `mod${n}.py`), content);
  }
}

// Half the image's top-level packages already exist in the root (their files go in one by one),
// half are new (each appears by one rename): both paths of a merge are timed.
function makeRoot(dir) {
  mkdirSync(dir);
  for (let n = 0; n < TOP_DIRS; n += 2)
    for (let s = 0; s < 7; s++) mkdirSync(join(dir, `pkg${n}`, `sub${s}`), { recursive: true });
}

const runs = Number(argument('--runs', 7));
const work = mkdtempSync(join(argument('--dir', tmpdir()), 'ps-bench-merge-'));
try {
  const image = join(work, 'image');
  makeImage(image);
  const variants = {
    'cp -a + sync -f': (dest) => ['sh', '-c', `cp -a "$1" "$2" && sync -f "$2"`, 'sh', image, dest],
    merge: (dest) => [process.execPath, CLI, 'merge', '--quiet', image, dest],
    'cp -a': (dest) => ['cp', '-a', image, dest],
    'merge --no-fsync': (dest) => [process.execPath, CLI, 'merge', '--quiet', '--no-fsync', image, dest],
  };
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = -1; round < runs; round++) {
    for (const [name, argv] of Object.entries(variants)) {
      const dest = join(work, 'dest');
      rmSync(dest, { recursive: true, force: true });
      // cp -a creates its destination; merge needs an existing root.
      if (name.startsWith('merge')) makeRoot(dest);
      timeOnce(['sync']); // start every variant with nothing dirty from the one before
      const ms = timeOnce(argv(dest));
      if (round >= 0) samples[name].push(ms); // round -1 warms the page cache
    }
  }
  const m = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const durable = m.merge / m['cp -a + sync -f'];
  const fast = m['merge --no-fsync'] / m['cp -a'];
  console.log(
    `merge of ${FILES} files / ${BYTES / 1024 / 1024} MB in ${work}; median of ${runs} interleaved runs`,
  );
  console.log('');
  console.log('| variant | median |');
  console.log('| --- | ---: |');
  for (const [name, ms] of Object.entries(m)) console.log(`| \`${name}\` | ${fmt(ms)} |`);
  console.log('');
  console.log(
    `merge ÷ (cp -a + sync -f): ${durable.toFixed(2)}× (target ≤ 1.5×: ${durable <= 1.5 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `merge --no-fsync ÷ cp -a:  ${fast.toFixed(2)}× (target ≤ 1.5×: ${fast <= 1.5 ? 'met' : 'NOT met'})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
