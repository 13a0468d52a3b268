/** A traceback that ends a build fits many times over; beyond this the head of the log is never read. */
export const TAIL_LIMIT = 256 * 1024;

const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// CI log viewers (GitHub Actions raw logs) stamp every line; the stamp would hide the traceback's indentation.
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z /;
const PIP_BLOCK_START = /╰─> \[\d+ lines? of output\]\s*$/;
const PIP_BLOCK_END = /^\s*\[end of output\]\s*$/;
const PIP_INDENT = '      ';
const MAX_LINE = 4096;

/** The last TAIL_LIMIT bytes (or characters) as text; invalid UTF-8 becomes U+FFFD instead of failing. */
export function tailText(output: string | Uint8Array): string {
  if (typeof output === 'string') return output.length > TAIL_LIMIT ? output.slice(-TAIL_LIMIT) : output;
  const tail = output.byteLength > TAIL_LIMIT ? output.subarray(output.byteLength - TAIL_LIMIT) : output;
  return new TextDecoder('utf-8', { fatal: false }).decode(tail);
}

/** Lines as a terminal would show them: colours gone, `\r\n` and lone `\r` as line ends, pip's wrapping undone. */
export function logicalLines(text: string): string[] {
  const lines = text.replace(ANSI, '').split(/\r\n|\r|\n/);
  const result: string[] = [];
  let inPipBlock = false;
  for (const raw of lines) {
    // A traceback line is short; capping keeps every regex linear on binary garbage without newlines.
    const line = (raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw).replace(TIMESTAMP, '');
    if (inPipBlock && PIP_BLOCK_END.test(line)) inPipBlock = false;
    result.push(inPipBlock && line.startsWith(PIP_INDENT) ? line.slice(PIP_INDENT.length) : line);
    if (PIP_BLOCK_START.test(line)) inPipBlock = true;
  }
  return result;
}
