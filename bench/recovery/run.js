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
  /** @typedef {{ retry: number[], shim: number[], healed: number, retryAttempts: number[], errors: string[] }} Sample */
  /** @type {Map<string, Sample>} */
  const samples = new Map(
    styles.map((s) => [s.installer, { retry: [], shim: [], healed: 0, retryAttempts: [], errors: [] }]),
  );
  /** @param {import('./styles.js').Style} style @param {'retry' | 'shim'} mode @param {Sample} sample */
  const attempt = async (style, mode, sample) => {
    try {
      return await measureRace(style, mode, settleMs);
    } catch (error) {
      // One race that went wrong is a finding for the table, not the end of the bench.
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      sample.errors.push(`${mode}: ${message}`);
      log(`recovery ${style.installer} ${mode} failed: ${message}`);
      return undefined;
    }
  };
  for (let run = 0; run < runs; run++) {
    for (const style of styles) {
      const sample = samples.get(style.installer);
      if (!sample) continue;
      const retry = await attempt(style, 'retry', sample);
      if (retry) {
        sample.retry.push(retry.latencyMs);
        sample.retryAttempts.push(retry.attempts);
      }
      const shim = await attempt(style, 'shim', sample);
      if (shim) sample.shim.push(shim.latencyMs);
      if (shim?.healedInProcess) sample.healed++;
      log(
        `recovery ${style.installer} run ${run + 1}: retry ${retry?.latencyMs ?? '–'} ms, shim ${shim?.latencyMs ?? '–'} ms`,
      );
    }
  }
  const rows = styles.map((style) => {
    const s = samples.get(style.installer) ?? {
      retry: [],
      shim: [],
      healed: 0,
      retryAttempts: [],
      errors: [],
    };
    const stats = (/** @type {number[]} */ v) =>
      v.length
        ? { median: median(v), min: Math.min(...v), max: Math.max(...v) }
        : { median: Number.NaN, min: Number.NaN, max: Number.NaN };
    return {
      style: style.label,
      retry: stats(s.retry),
      retryMs: stats(s.retry).median,
      retryMaxAttempts: Math.max(0, ...s.retryAttempts),
      shim: stats(s.shim),
      shimMs: stats(s.shim).median,
      healed: s.healed,
      errors: s.errors,
      runs,
    };
  });
  return { runs, settleMs, rows };
}

/** @param {Awaited<ReturnType<typeof measureRecovery>>} result */
export function recoveryTable({ runs, settleMs, rows }) {
  const range = (/** @type {{ median: number, min: number, max: number }} */ v) =>
    Number.isNaN(v.median)
      ? '–'
      : runs > 1
        ? `${v.median.toFixed(0)} ms (${v.min.toFixed(0)}–${v.max.toFixed(0)})`
        : `${v.median.toFixed(0)} ms`;
  const yes = (/** @type {boolean} */ ok) => (ok ? 'yes' : '**no**');
  const lines = [
    `Median (min–max) of ${runs} run${runs === 1 ? '' : 's'} per style and mode; settle ${settleMs} ms. ` +
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
        `| ${r.style} | ${range(r.retry)} | ${(r.retryMs - settleMs).toFixed(0)} ms | ` +
        `${yes(r.retryMs <= settleMs + RETRY_SLACK_MS)} | ${range(r.shim)} | ${r.healed}/${r.runs} | ` +
        `${yes(r.healed === r.runs && r.shimMs <= SHIM_TARGET_MS)} | ${yes(r.healed === r.runs && r.shimMs <= settleMs + SHIM_TARGET_MS)} |`,
    ),
  ];
  const failures = rows.flatMap((r) => r.errors.map((e) => `${r.style}, ${e}`));
  if (failures.length)
    lines.push('', '**Races that did not complete:**', '', ...failures.map((f) => `- ${f}`));
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
      met: r.errors.length === 0 && r.retryMs <= settleMs + RETRY_SLACK_MS,
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
