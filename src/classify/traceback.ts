import type { Frame, PythonException, Traceback } from './types.js';

// The prefix before `Traceback`/`  File` is whatever wraps the traceback (pip's indentation, a `> ` quote);
// every line of one traceback carries the same prefix, which is how interleaved output is told apart.
const HEADER = /^(.*?)Traceback \(most recent call last\):\s*$/;
const FRAME = /^(.*?) {2}File "(.+)", line (\d+)(?:, in (.+?))?\s*$/;
const EXCEPTION = /^((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)(?::(?:\s(.*))?)?\s*$/;
const EXCEPTION_NAME =
  /(?:Error|Exception|Exit|Interrupt|NotFound|Conflict|Warning|Failure|Plugin|Iteration)$/;
const CAUSE = 'The above exception was the direct cause of the following exception:';
const CONTEXT = 'During handling of the above exception, another exception occurred:';
/** Lines of unrelated output tolerated inside one traceback before it is given up as not a traceback. */
const MAX_NOISE = 40;

function exceptionLine(rest: string): PythonException | null {
  const match = EXCEPTION.exec(rest);
  if (!match) return null;
  const type = match[1]!;
  const name = type.slice(type.lastIndexOf('.') + 1);
  if (!/^[A-Z]/.test(name) || !(EXCEPTION_NAME.test(name) || type.includes('.'))) return null;
  return { type, message: (match[2] ?? '').trim() };
}

function chainBefore(lines: string[], index: number, prefix: string): Traceback['chainedTo'] {
  for (let i = index - 1; i >= 0 && i >= index - 4; i--) {
    const text = lines[i]!.startsWith(prefix) ? lines[i]!.slice(prefix.length).trim() : lines[i]!.trim();
    if (text === '') continue;
    return text === CAUSE ? 'cause' : text === CONTEXT ? 'context' : null;
  }
  return null;
}

/** Every complete traceback in the lines, in order; a traceback whose header was cut off still counts. */
export function parseTracebacks(lines: string[]): Traceback[] {
  const found: Traceback[] = [];
  let i = 0;
  while (i < lines.length) {
    const header = HEADER.exec(lines[i]!);
    const frame = header ? null : FRAME.exec(lines[i]!);
    if (!header && !frame) {
      i++;
      continue;
    }
    const prefix = (header ?? frame)![1]!;
    const chainedTo = header ? chainBefore(lines, i, prefix) : null;
    const parsed = parseOne(lines, header ? i + 1 : i, prefix);
    if (parsed) {
      found.push({ ...parsed, chainedTo });
      i = parsed.end + 1;
    } else {
      i++;
    }
  }
  return found;
}

function parseOne(lines: string[], start: number, prefix: string): Omit<Traceback, 'chainedTo'> | null {
  const frames: Frame[] = [];
  let noise = 0;
  for (let i = start; i < lines.length && noise <= MAX_NOISE; i++) {
    const line = lines[i]!;
    const frame = FRAME.exec(line);
    if (frame && frame[1] === prefix) {
      frames.push({ path: frame[2]!, line: Number(frame[3]), func: frame[4] ?? null, code: null });
      continue;
    }
    if (HEADER.exec(line)?.[1] === prefix) return null;
    if (!line.startsWith(prefix)) {
      noise++;
      continue;
    }
    const rest = line.slice(prefix.length);
    if (/^\s/.test(rest) || rest === '') {
      // Source and caret lines sit deeper than the frame; the first one is the frame's code.
      const last = frames.at(-1);
      if (last && last.code === null && rest.trim() !== '') last.code = rest.trim();
      else if (rest.trim() === '') noise++;
      continue;
    }
    const exception = frames.length > 0 ? exceptionLine(rest) : null;
    if (exception) return { frames, exception, end: i };
    noise++;
  }
  return null;
}
