// Start-up cost of the in-process shim: `python -c pass` bare, with the shim on PYTHONPATH but inert
// (PLUGIN_SETTLE_INPROCESS unset: what every python under `shim env` pays), and active (what a build
// under `plugin-settle run` pays); each with the shim's bytecode cached, and without (a read-only
// install that Python cannot write __pycache__ into). Median of 20 runs each, interleaved in the same
// run so machine load hits every variant alike.  Usage: node bench/shim-startup.js [python ...]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHIM = fileURLToPath(new URL('../shims/python', import.meta.url));
const RUNS = 20;

function realInterpreter(python) {
  // pyenv's shims are bash scripts: time the interpreter itself, not the dispatcher.
  return execFileSync(python, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

function timeOnce(python, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(python, ['-c', 'pass'], { env, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${python} -c pass exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** sitecustomize's own cumulative import time (µs) from -X importtime: less exposed to machine load. */
function sitecustomizeMicros(python, env) {
  const result = spawnSync(python, ['-X', 'importtime', '-c', 'pass'], { env, encoding: 'utf8' });
  const line = result.stderr.split('\n').find((l) => /\|\s+sitecustomize$/.test(l));
  return line ? Number(line.split('|')[1].trim()) : 0;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function variants(python, work) {
  const cached = join(work, 'cached');
  const sourceOnly = join(work, 'source-only');
  cpSync(SHIM, cached, { recursive: true, filter: (p) => !p.includes('__pycache__') });
  cpSync(SHIM, sourceOnly, { recursive: true, filter: (p) => !p.includes('__pycache__') });
  execFileSync(python, ['-m', 'compileall', '-q', cached]);
  const base = { ...process.env, PYTHONPATH: '', PLUGIN_SETTLE_INPROCESS: '' };
  delete base.PYTHONDONTWRITEBYTECODE;
  const noWrite = { ...base, PYTHONDONTWRITEBYTECODE: '1' };
  // What `plugin-settle run` sets for an active shim: its excepthook recorder installs only with it.
  const events = join(work, 'events.jsonl');
  return {
    bare: base,
    'inert, cached': { ...base, PYTHONPATH: cached },
    'active, cached': {
      ...base,
      PYTHONPATH: cached,
      PLUGIN_SETTLE_INPROCESS: '1',
      PLUGIN_SETTLE_EVENTS: events,
    },
    'inert, no pyc': { ...noWrite, PYTHONPATH: sourceOnly },
    'active, no pyc': {
      ...noWrite,
      PYTHONPATH: sourceOnly,
      PLUGIN_SETTLE_INPROCESS: '1',
      PLUGIN_SETTLE_EVENTS: events,
    },
  };
}

for (const requested of process.argv.length > 2 ? process.argv.slice(2) : ['python3']) {
  const python = realInterpreter(requested);
  const work = mkdtempSync(join(tmpdir(), 'plugin-settle-bench-'));
  try {
    const envs = variants(python, work);
    const samples = Object.fromEntries(Object.keys(envs).map((name) => [name, []]));
    const imports = Object.fromEntries(Object.keys(envs).map((name) => [name, []]));
    for (const env of Object.values(envs)) timeOnce(python, env); // warm the page cache
    for (let i = 0; i < RUNS; i++) {
      for (const [name, env] of Object.entries(envs)) {
        samples[name].push(timeOnce(python, env));
        imports[name].push(sitecustomizeMicros(python, env));
      }
    }
    const bare = median(samples.bare);
    console.log(
      `${python}: python -c pass, median of ${RUNS}; sitecustomize import (-X importtime) in brackets`,
    );
    for (const name of Object.keys(envs)) {
      const value = median(samples[name]);
      const delta =
        name === 'bare'
          ? ''
          : `  (${value >= bare ? '+' : ''}${(value - bare).toFixed(2)} ms, ${(value / bare).toFixed(3)}x)`;
      const micros = median(imports[name]);
      const own =
        name === 'bare'
          ? ''
          : `  [sitecustomize ${micros ? `${(micros / 1000).toFixed(2)} ms` : 'n/a before 3.7'}]`;
      console.log(`  ${name.padEnd(15)} ${value.toFixed(2)} ms${delta}${own}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
