import { Command } from 'commander';
import { durationMs } from '../config/parse.js';
import { UsageError } from '../errors.js';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

export function mergeCommand(): Command {
  return new Command('merge')
    .description('merge an image tree into a root atomically, code before metadata, under the merge marker')
    .argument('[image]', 'the tree to merge (e.g. the output of pip install --target)')
    .argument('[root]', 'where to merge it (e.g. a site-packages)')
    .option(
      '--recover <root>',
      'after a crash: bring <root> to the complete old or new tree, remove staging names',
    )
    .option(
      '--replace <distribution>',
      'remove the installed files of <distribution> the image does not carry',
    )
    .option('--no-wait', 'fail instead of waiting when another merge holds the root')
    .option('--wait-for-builds', 'merge-wait: wait until no `run --hold` build holds the root')
    .option('--no-fsync', 'skip every fsync: faster, not durable across a power loss')
    .option('--max-wait <ms>', 'give up waiting for other merges or builds after <ms>', durationMs)
    .option(
      '--stale-after <ms>',
      "another merge's marker not refreshed this long is a crashed leftover, taken over (750ms, 2s…; default 60s)",
      durationMs,
    )
    .option('--json', 'print the result as one JSON object')
    .option('--quiet', 'print nothing on success')
    .action(async (image: string | undefined, root: string | undefined, options) => {
      const print = (value: object, line: string): void => {
        if (options.json) process.stdout.write(`${JSON.stringify(value)}\n`);
        else if (!options.quiet) process.stdout.write(`${line}\n`);
      };
      const onProgress = (line: string): void => {
        if (!options.quiet) process.stderr.write(`plugin-settle: ${line}\n`);
      };
      const library = await import('../merge/index.js');
      if (options.recover !== undefined) {
        if (image !== undefined)
          throw new UsageError('--recover takes only the root; drop the other arguments');
        const result = await library.recover(
          options.recover,
          options.staleAfter === undefined ? {} : { staleAfterMs: options.staleAfter },
        );
        for (const line of result.details) onProgress(line);
        print(result, `${options.recover}: ${result.action}`);
        return;
      }
      if (image === undefined || root === undefined) {
        throw new UsageError('merge needs an image and a root: plugin-settle merge <image> <root>');
      }
      const result = await library.merge({
        image,
        root,
        replace: options.replace,
        wait: options.wait,
        waitForBuilds: options.waitForBuilds ?? false,
        fsync: options.fsync,
        maxWaitMs: options.maxWait,
        ...(options.staleAfter === undefined ? {} : { staleAfterMs: options.staleAfter }),
        onProgress,
      });
      print(
        result,
        `merged ${result.files} files (${formatBytes(result.bytes)}) into ${root} in ${result.ms} ms`,
      );
    });
}
