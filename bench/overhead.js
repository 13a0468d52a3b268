// The wrapper's cost on a build that succeeds: added wall time over the bare command, beside Node's
// own start-up measured in the same run (the floor for any Node wrapper). `--runs N` (default 20).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLI, fmt, interleaved, peakRss } from './lib.js';

export async function measureOverhead({ runs = 20, python = 'python3', extra = {} } = {}) {
  if (!existsSync(CLI.replace('bin/plugin-settle.js', 'dist/cli.js')))
    throw new Error('run `npm run build` first');
  const wrap = (argv) => [process.execPath, CLI, 'run', '--', ...argv];
  const commands = { true: ['true'], 'python -c pass': [python, '-c', 'pass'], ...extra };
  const floor = fileURLToPath(new URL('./overhead-floor.js', import.meta.url));
  const variants = {
    'node -e 0': [process.execPath, '-e', '0'],
    'floor true': [process.execPath, floor, 'true'],
  };
  for (const [name, argv] of Object.entries(commands)) {
    variants[name] = argv;
    variants[`wrapped ${name}`] = wrap(argv);
  }
  const medians = interleaved(variants, runs);
  const node = medians['node -e 0'];
  const rows = Object.keys(commands).map((name) => {
    const added = medians[`wrapped ${name}`] - medians[name];
    return {
      command: name,
      bare: medians[name],
      wrapped: medians[`wrapped ${name}`],
      added,
      ratio: added / node,
    };
  });
  const rssKiB = await peakRss(wrap(['true']));
  const floorAdded = medians['floor true'] - medians.true;
  return { runs, node, rows, rssKiB, floor: { added: floorAdded, ratio: floorAdded / node } };
}

export function overheadTable({ runs, node, rows, rssKiB, floor }) {
  const lines = [
    `Median of ${runs} interleaved runs; bare \`node -e 0\`: ${fmt(node)}. Target: added time ≤ 1.25 × node start.`,
    '',
    '| command | bare | wrapped | added | added ÷ node start | target met |',
    '| --- | ---: | ---: | ---: | ---: | :---: |',
    ...rows.map(
      (r) =>
        `| \`${r.command}\` | ${fmt(r.bare)} | ${fmt(r.wrapped)} | ${fmt(r.added)} | ${r.ratio.toFixed(2)}× | ${r.ratio <= 1.25 ? 'yes' : 'no'} |`,
    ),
    '',
    `The floor, in the same run: a ten-line Node wrapper (\`bench/overhead-floor.js\`: \`node:child_process\`, ` +
      `own process group, output piped) adds ${fmt(floor.added)} around \`true\`, ${floor.ratio.toFixed(2)}× node start; ` +
      `plugin-settle's cost beyond it is ${fmt(rows[0].added - floor.added)} (loading commander and execa, the config lookup, the signal relay).`,
    '',
    `Peak RSS of the wrapper around \`true\`: ${(rssKiB / 1024).toFixed(1)} MiB.`,
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;
  console.log(overheadTable(await measureOverhead({ runs })));
}
