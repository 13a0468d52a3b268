// Benchmark of the site-packages monitor (issue #4, Performance): on a generated site-packages of
// 2,000 packages / 100,000 files (BENCH_PACKAGES=N for another size), time until ready, peak RSS, inotify watches and one relevance scan,
// against chokidar watching the same tree at full depth. Each figure comes from a fresh child process;
// medians over RUNS children, both variants in the same run. Prints a Markdown table to stdout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILES_PER_PACKAGE, generateSitePackages } from './site-tree.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const work = join(here, '..', '.bench-tmp');
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 2000);
const tree = join(work, `site-packages-${PACKAGES}`);
const bundle = join(work, 'watch.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// A full-depth chokidar child takes a minute or more on this tree: one by default, more on request.
const FULL_RUNS = Number(process.env.BENCH_FULL_RUNS ?? 1);
const SCANS = 31;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function inotifyWatches() {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fdinfo')) {
    try {
      count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('inotify wd:')).length;
    } catch {}
  }
  return count;
}

const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const peakRssMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;

async function child(variant) {
  if (variant === 'ours' || variant === 'oursChokidar') {
    const { startMonitor } = await import(bundle);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const monitor = startMonitor({
      roots: [tree],
      watch: variant === 'oursChokidar' ? 'chokidar' : 'fs-watch',
    });
    const returnedMs = performance.now() - started;
    await monitor.ready;
    const readyMs = performance.now() - started;
    const readyCpuMs = cpuMs(cpu);
    const middle = `pkg${Math.floor(PACKAGES / 2)}`;
    const implicated = { module: middle, distribution: middle };
    const scanMs = [];
    const mergesMs = [];
    const since = Date.now() - 5000;
    for (let i = 0; i < SCANS; i++) {
      let t = performance.now();
      await monitor.changesSince(since, implicated);
      scanMs.push(performance.now() - t);
      t = performance.now();
      await monitor.mergesInProgress(implicated);
      mergesMs.push(performance.now() - t);
    }
    const result = {
      returnedMs,
      readyMs,
      readyCpuMs,
      watches: inotifyWatches(),
      rssMb: peakRssMb(),
      scanMs: median(scanMs),
      mergesMs: median(mergesMs),
    };
    await monitor.close();
    return result;
  }
  const { watch } = await import('chokidar');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const watcher = watch(tree, { ignoreInitial: true, atomic: false, persistent: true });
  let failure = null;
  watcher.on('error', (error) => {
    failure ??= error.code ?? String(error);
  });
  await new Promise((resolve) => watcher.once('ready', resolve));
  const result = {
    readyMs: performance.now() - started,
    readyCpuMs: cpuMs(cpu),
    watches: inotifyWatches(),
    rssMb: peakRssMb(),
    failure,
  };
  await watcher.close();
  return result;
}

function generate() {
  generateSitePackages(tree, PACKAGES);
}

async function main() {
  const variant = process.argv[2];
  if (variant === '--child') {
    process.stdout.write(JSON.stringify(await child(process.argv[3])));
    return;
  }
  const loadStart = loadavg()[0];
  mkdirSync(work, { recursive: true });
  generate();
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(here, '../src/watch/index.ts')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const results = { ours: [], oursChokidar: [], full: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const which of run < FULL_RUNS ? ['ours', 'oursChokidar', 'full'] : ['ours', 'oursChokidar']) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', which], {
        cwd: join(here, '..'),
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      results[which].push(JSON.parse(out));
    }
  }
  const m = (which, key) => median(results[which].map((r) => r[key]));
  const fmt = (value, digits = 1) => (value === undefined ? '–' : value.toFixed(digits));
  const rows = [
    ['time until ready (ms)', 'readyMs', '< 300'],
    ['CPU time until ready (ms, load-independent)', 'readyCpuMs', '–'],
    ['peak RSS (MB)', 'rssMb', '< 120'],
    ['inotify watches', 'watches', '< 5,000'],
    ['relevance scan, one implicated package (ms)', 'scanMs', '< 20'],
    ['mergesInProgress, one implicated package (ms)', 'mergesMs', '–'],
    ['startMonitor() returns after (ms)', 'returnedMs', '–'],
  ];
  const failures = results.full.map((r) => r.failure).filter(Boolean);
  console.log(
    `## Monitor: ${PACKAGES} packages / ${PACKAGES * FILES_PER_PACKAGE} files, median of ${RUNS} fresh processes (full-depth chokidar: ${FULL_RUNS})`,
  );
  console.log('');
  console.log(
    '| figure | monitor, fs-watch journal (default) | monitor, chokidar journal | chokidar, full depth | full / default | target |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const [label, key, target] of rows) {
    const [ours, oursChokidar, full] = ['ours', 'oursChokidar', 'full'].map((which) => m(which, key));
    const ratio = full === undefined ? '–' : `${(full / ours).toFixed(1)}×`;
    console.log(`| ${label} | ${fmt(ours)} | ${fmt(oursChokidar)} | ${fmt(full)} | ${ratio} | ${target} |`);
  }
  console.log('');
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, load average ${loadStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end.`,
  );
  if (failures.length) console.log(`chokidar full-depth errors: ${[...new Set(failures)].join(', ')}`);
}

await main();
