import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { PluginSettleError } from '../errors.js';
import { uniqueSuffix } from '../unique.js';
import type { Report } from './types.js';

/**
 * Writes the report where it was asked for: `-` is stderr (stdout belongs to the child); a file is
 * written to a temp name beside it and renamed, so a reader never sees half a report.
 */
export async function writeReport(
  report: Report,
  target: string,
  stderr: Writable = process.stderr,
): Promise<void> {
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (target === '-') {
    stderr.write(text);
    return;
  }
  const temp = join(dirname(target), `.${basename(target)}.${uniqueSuffix()}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new PluginSettleError(
      `cannot write the report to ${target}: ${(error as Error).message} (choose a writable path with --report)`,
      'report-write',
      undefined,
      { cause: error },
    );
  }
}
