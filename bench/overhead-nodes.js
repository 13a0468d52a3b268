// Start-up per Node version: `run -- true` against `node -e 0` and the ten-line floor wrapper
// (overhead-floor.js), every variant of every version interleaved in one run, so machine load hits
// all alike. The compile cache (bin/plugin-settle.js, Node >= 22.1) is warm after the first round;
// `NODE_DISABLE_COMPILE_CACHE=1` shows what it saves.
//   node bench/overhead-nodes.js [--runs N] [node-binary...]
// Default binaries: this Node and those scripts/ci-node-versions.sh --fetch-only has cached.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CLI, fmt, median, timeOnce } from './lib.js';

const FLOOR = fileURLToPath(new URL('./overhead-floor.js', import.meta.url));

function variantsFor(node) {
  const noCache = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const env = { ...process.env, NODE_DISABLE_COMPILE_CACHE: undefined, NODE_COMPILE_CACHE: undefined };
  return {
    node: { argv: [node, '-e', '0'], env },
    floor: { argv: [node, FLOOR, 'true'], env },
    wrapped: { argv: [node, CLI, 'run', '--', 'true'], env },
    uncached: { argv: [node, CLI, 'run', '--', 'true'], env: noCache },
  };
}

export function measureNodes(nodes, runs = 20) {
  const plan = nodes.flatMap((node) =>
    Object.entries(variantsFor(node)).map(([name, v]) => ({ node, name, ...v, samples: [] })),
  );
  const bare = { argv: ['true'], samples: [] };
  for (const v of [...plan, bare]) timeOnce(v.argv, { env: v.env }); // warm caches, the compile cache too
  for (let i = 0; i < runs; i++) {
    bare.samples.push(timeOnce(bare.argv));
    for (const v of plan) v.samples.push(timeOnce(v.argv, { env: v.env }));
  }
  const trueMs = median(bare.samples);
  return {
    runs,
    trueMs,
    rows: nodes.map((node) => {
      const m = Object.fromEntries(
        plan.filter((v) => v.node === node).map((v) => [v.name, median(v.samples)]),
      );
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      return {
        version,
        node: m.node,
        floorAdded: m.floor - trueMs,
        added: m.wrapped - trueMs,
        uncachedAdded: m.uncached - trueMs,
        cache: !version.startsWith('v20.'),
      };
    }),
  };
}

export function nodesTable({ runs, trueMs, rows }) {
  const ratio = (ms, node) => `${(ms / node).toFixed(2)}×`;
  return [
    `Median of ${runs} interleaved runs per variant, every Node version in the same run; bare \`true\`: ${fmt(trueMs)}. ` +
      '"added" is the wrapped time minus bare `true`; the target is added ≤ 1.25 × that Node\'s own `node -e 0` on Node 24.',
    '',
    '| Node | `node -e 0` | floor added | `run -- true` added | ÷ node start | without compile cache | target (≤ 1.25×) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...rows.map(
      (r) =>
        `| ${r.version} | ${fmt(r.node)} | ${fmt(r.floorAdded)} (${ratio(r.floorAdded, r.node)}) | ${fmt(r.added)} | ${ratio(r.added, r.node)} | ` +
        `${r.cache ? `${fmt(r.uncachedAdded)} (${ratio(r.uncachedAdded, r.node)})` : 'no cache in Node 20'} | ` +
        `${r.added / r.node <= 1.25 ? 'met' : '**missed**'}${r.version.startsWith('v24.') ? ' (the target row)' : ''} |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 20;
  let nodes = args;
  if (nodes.length === 0) {
    const script = fileURLToPath(new URL('../scripts/ci-node-versions.sh', import.meta.url));
    const fetched = execFileSync(script, ['--fetch-only'], { encoding: 'utf8' });
    nodes = [process.execPath, ...[...fetched.matchAll(/^node v\S+: (\S+)$/gm)].map((m) => m[1])];
  }
  // Others share the machine: the load on either side says how far to trust the milliseconds.
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(', ');
  const before = load();
  const table = nodesTable(measureNodes(nodes, runs));
  console.log(`Load average ${before} at the start, ${load()} at the end.\n\n${table}`);
}
