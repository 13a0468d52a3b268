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

/**
 * Why the report could not be written where asked, found before the build runs (so a typo costs a
 * warning, not the build's exit status); null when the path looks writable.
 */
export async function reportPathProblem(target: string): Promise<string | null> {
  if (target === '-') return null;
  const { access, stat } = await import('node:fs/promises');
  const { constants } = await import('node:fs');
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory())
    return `cannot write the report to ${target}: it is a directory (choose a file path with --report)`;
  try {
    await access(dirname(target), constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `cannot write the report to ${target}: ${code} on ${dirname(target)} (choose a writable path with --report); the build runs anyway`;
  }
}
