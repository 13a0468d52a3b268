// Small shared helpers for the benchmark scripts: timing a command, medians, formatting.
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../bin/plugin-settle.js', import.meta.url));

/** Wall time of one run in ms; stdio is discarded so terminal speed does not count. */
export function timeOnce(argv, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore', ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}`);
  return ms;
}

/** Runs a command to completion, sampling the peak RSS (VmHWM) of its first process, in KiB. */
export function peakRss(argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore', ...options });
    let peak = 0;
    const sample = async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      if (match) peak = Math.max(peak, Number(match[1]));
    };
    const timer = setInterval(sample, 5);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(timer);
      resolve(peak);
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times each variant `runs` times, interleaved (A B C A B C …) so drift in machine load hits all
 * variants alike; returns the median per variant name.
 */
export function interleaved(variants, runs) {
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (const argv of Object.values(variants)) timeOnce(argv); // warm caches
  for (let i = 0; i < runs; i++) {
    for (const [name, argv] of Object.entries(variants)) samples[name].push(timeOnce(argv));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;
