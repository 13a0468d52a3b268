// @ts-check
// Recovery latency (issue #8, item 3): for each merge style, the time from the installer's last write to
// the wrapper's retry (`--no-inprocess`), and to the in-process shim's healed load, against the settle.
//   node bench/recovery/run.js [--runs N] [--settle MS]      (needs `npm run build`)
import { parseArgs } from 'node:util';
import { median } from '../lib.js';
import { measureRace } from './race.js';
import { STYLES } from './styles.js';

export const RETRY_SLACK_MS = 150;
export const SHIM_TARGET_MS = 100;

/**
 * Runs are interleaved across styles and modes so a burst of machine load does not land on one style.
 * @param {{ runs?: number, settleMs?: number, styles?: import('./styles.js').Style[], log?: (line: string) => void }} [options]
 */
export async function measureRecovery({ runs = 3, settleMs = 750, styles = STYLES, log = () => {} } = {}) {
  /** @type {Map<string, { retry: number[], shim: number[], healed: number, retryAttempts: number[] }>} */
  const samples = new Map(
    styles.map((s) => [s.installer, { retry: [], shim: [], healed: 0, retryAttempts: [] }]),
  );
  for (let run = 0; run < runs; run++) {
    for (const style of styles) {
      const sample = samples.get(style.installer);
      if (!sample) continue;
      const retry = await measureRace(style, 'retry', settleMs);
      sample.retry.push(retry.latencyMs);
      sample.retryAttempts.push(retry.attempts);
      const shim = await measureRace(style, 'shim', settleMs);
      sample.shim.push(shim.latencyMs);
      if (shim.healedInProcess) sample.healed++;
      log(
        `recovery ${style.installer} run ${run + 1}: retry ${retry.latencyMs} ms, shim ${shim.latencyMs} ms${shim.healedInProcess ? '' : ' (not healed in process)'}`,
      );
    }
  }
  const rows = styles.map((style) => {
    const s = samples.get(style.installer) ?? { retry: [], shim: [], healed: 0, retryAttempts: [] };
    return {
      style: style.label,
      retryMs: median(s.retry),
      retryMaxAttempts: Math.max(...s.retryAttempts),
      shimMs: median(s.shim),
      healed: s.healed,
      runs,
    };
  });
  return { runs, settleMs, rows };
}

/** @param {Awaited<ReturnType<typeof measureRecovery>>} result */
export function recoveryTable({ runs, settleMs, rows }) {
  const yes = (/** @type {boolean} */ ok) => (ok ? 'yes' : '**no**');
  const lines = [
    `Median of ${runs} run${runs === 1 ? '' : 's'} per style and mode; settle ${settleMs} ms. ` +
      `Retry: the installer's last write → the retry's start (\`--no-inprocess\`, report \`attempts[1].started\`); ` +
      `target ≤ settle + ${RETRY_SLACK_MS} ms = ${settleMs + RETRY_SLACK_MS} ms. ` +
      `Shim: the last write → the shim's \`healed\` event (report \`inProcess[].t\`); target ≤ ${SHIM_TARGET_MS} ms ` +
      `after the merge's end, and shown also against settle + ${SHIM_TARGET_MS} ms, since without a merge marker or ` +
      'lock the shim must sit out the settle quiet time by design.',
    '',
    '| merge style | retry latency | retry − settle | ≤ settle + 150 | shim latency | healed in process | ≤ 100 ms | ≤ settle + 100 |',
    '| --- | ---: | ---: | :---: | ---: | :---: | :---: | :---: |',
    ...rows.map(
      (r) =>
        `| ${r.style} | ${r.retryMs.toFixed(0)} ms | ${(r.retryMs - settleMs).toFixed(0)} ms | ` +
        `${yes(r.retryMs <= settleMs + RETRY_SLACK_MS)} | ${r.shimMs.toFixed(0)} ms | ${r.healed}/${r.runs} | ` +
        `${yes(r.healed === r.runs && r.shimMs <= SHIM_TARGET_MS)} | ${yes(r.healed === r.runs && r.shimMs <= settleMs + SHIM_TARGET_MS)} |`,
    ),
  ];
  const multi = rows.filter((r) => r.retryMaxAttempts > 2);
  if (multi.length)
    lines.push('', `More than one retry was spent in: ${multi.map((r) => r.style).join('; ')}.`);
  return lines.join('\n');
}

/**
 * One verdict per style and mode, for BENCHMARKS.md's target list.
 * @param {Awaited<ReturnType<typeof measureRecovery>>} result
 */
export function recoveryVerdicts({ settleMs, rows }) {
  return rows.flatMap((r) => [
    {
      item: `recovery, retry: ${r.style}`,
      target: `≤ settle + ${RETRY_SLACK_MS} ms (${settleMs + RETRY_SLACK_MS} ms)`,
      met: r.retryMs <= settleMs + RETRY_SLACK_MS,
      detail: `${r.retryMs.toFixed(0)} ms`,
    },
    {
      item: `recovery, shim: ${r.style}`,
      target: `healed in process, ≤ ${SHIM_TARGET_MS} ms after the merge`,
      met: r.healed === r.runs && r.shimMs <= SHIM_TARGET_MS,
      detail: `${r.shimMs.toFixed(0)} ms, healed ${r.healed}/${r.runs}`,
    },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, settle: { type: 'string' }, only: { type: 'string' } },
  });
  const styles = values.only ? STYLES.filter((s) => values.only?.split(',').includes(s.installer)) : STYLES;
  const result = await measureRecovery({
    runs: Number(values.runs ?? 3),
    settleMs: Number(values.settle ?? 750),
    styles,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(recoveryTable(result));
}
